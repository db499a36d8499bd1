import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { AlertCenter } from '../workspace/alerts/AlertCenter';
import { ModeSwitch } from '../workspace/ModeSwitch';
import { SlaSettings } from '../workspace/SlaSettings';
import { formatClock } from '../workspace/time';
import { isDisplayOnly, SCREEN_LABELS, type Screen } from './screens';

function ScreenTabs({
  screen,
  screens,
  wartime,
  onScreen,
}: {
  screen: Screen;
  screens: readonly Screen[];
  wartime: boolean;
  onScreen(screen: Screen): void;
}) {
  const { t } = useTranslation();
  return (
    <nav className="screen-tabs">
      {screens.map((tab) => (
        <button
          key={tab}
          className={screen === tab ? 'active' : ''}
          data-testid={`screen-${tab}`}
          onClick={() => onScreen(tab)}
        >
          {t(SCREEN_LABELS[tab](wartime))}
        </button>
      ))}
    </nav>
  );
}

function WartimeBanner({ wartime }: { wartime: NonNullable<SessionStatus['wartime']> }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="wartime-banner" data-testid="wartime-banner" translate="no">
      {t('ws.mode.banner', { since: formatClock(wartime.since, i18n.language), reason: wartime.reason })}
    </span>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const otherLanguage = i18n.language === 'en' ? 'zh-CN' : 'en';
  return (
    <button
      className="language-switch"
      data-testid="language-switch"
      lang={otherLanguage}
      translate="no"
      onClick={() => void i18n.changeLanguage(otherLanguage)}
    >
      {t('language.switchTo')}
    </button>
  );
}

/**
 * The wall's title, its tabs (not in the map window), the wartime banner and the operator's tools: each tool
 * only where the role has the screen it belongs to, and none on a display nobody works at.
 */
export function AppHeader({
  status,
  screen,
  screens,
  withTabs,
  onScreen,
  onOpenIncident,
}: {
  status: SessionStatus | undefined;
  screen: Screen;
  screens: readonly Screen[];
  withTabs: boolean;
  onScreen(screen: Screen): void;
  onOpenIncident(incidentId: string): void;
}) {
  const { t } = useTranslation();
  const tools = status !== undefined && !isDisplayOnly(status.operator?.role);
  return (
    <header className="app-header">
      <h1>{t('app.title')}</h1>
      <span className="app-subtitle">{t('app.subtitle')}</span>
      {withTabs && (
        <ScreenTabs
          screen={screen}
          screens={screens}
          wartime={status?.mode === 'wartime'}
          onScreen={onScreen}
        />
      )}
      {status?.wartime && <WartimeBanner wartime={status.wartime} />}
      <span className="header-tools">
        {tools && <ModeSwitch status={status} />}
        {/* The deadline tables belong to the situation: read by its readers, changed by the system administrator. */}
        {tools && screens.includes('situation') && <SlaSettings status={status} />}
        {/* An alert opens its incident in the workspace: only where there is one. */}
        {tools && screens.includes('workspace') && <AlertCenter onOpen={onOpenIncident} />}
        <LanguageSwitch />
      </span>
    </header>
  );
}
