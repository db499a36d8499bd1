// The app's i18next must be initialised before bundles can be added to it.
import i18next from '../../i18n';
import en from './en.json';
import zhCN from './zh-CN.json';

/** Live video's strings live under `video.` in the app's one translation namespace. */
i18next.addResourceBundle('zh-CN', 'translation', { video: zhCN }, true, true);
i18next.addResourceBundle('en', 'translation', { video: en }, true, true);
