import i18next from '../../i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

// After the app's own initialisation (imported above), so the bundles land in the store it created.
i18next.addResourceBundle('zh-CN', 'translation', { audit: zhCN }, true, true);
i18next.addResourceBundle('en', 'translation', { audit: en }, true, true);
