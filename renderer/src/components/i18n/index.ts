// The app's i18next must be initialised before bundles can be added to it.
import i18next from '../../i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The shared controls' strings (scope and date pickers) live under `controls.`. */
i18next.addResourceBundle('zh-CN', 'translation', { controls: zhCN }, true, true);
i18next.addResourceBundle('en', 'translation', { controls: en }, true, true);
