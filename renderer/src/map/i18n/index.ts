// The app's i18next must be initialised before bundles can be added to it.
import i18next from '../../i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

/** The map's strings live under `map.` in the app's one translation namespace. */
i18next.addResourceBundle('zh-CN', 'translation', { map: zhCN }, true, true);
i18next.addResourceBundle('en', 'translation', { map: en }, true, true);
