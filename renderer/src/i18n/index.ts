import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const saved = localStorage.getItem('pingan.language');
const initial: Language = saved === 'en' ? 'en' : 'zh-CN';

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

i18next.on('languageChanged', (language) => {
  localStorage.setItem('pingan.language', language);
  document.documentElement.lang = language;
});
document.documentElement.lang = initial;

export default i18next;
