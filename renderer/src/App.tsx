import { useTranslation } from 'react-i18next';
import { RegionOverviewPanel } from './RegionOverviewPanel';

export function App() {
  const { t, i18n } = useTranslation();
  const otherLanguage = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <div className="app">
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
        <button
          className="language-switch"
          data-testid="language-switch"
          onClick={() => void i18n.changeLanguage(otherLanguage)}
        >
          {t('language.switchTo')}
        </button>
      </header>
      <main>
        <RegionOverviewPanel />
      </main>
    </div>
  );
}
