import i18n from '../../i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

// After the app's own initialisation (imported above), so the bundles land in the store it created.
i18n.addResourceBundle('zh-CN', 'translation', { figures: zhCN }, true, true);
i18n.addResourceBundle('en', 'translation', { figures: en }, true, true);
