import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BriefingScreen } from './briefing/BriefingScreen';
import './briefing/i18n';
import './documents/i18n';
import { HandoverScreen } from './handover/HandoverScreen';
import './handover/i18n';
import { ReportsScreen } from './reports/ReportsScreen';
import './reports/i18n';
import { CatchUpBar } from './components/CatchUpBar';
import { LivePanel } from './components/LivePanel';
import { MapPanel } from './components/MapPanel';
import { StatusBar } from './components/StatusBar';
import { TabScreen } from './components/TabScreen';
import { FiguresPanel } from './figures/FiguresPanel';
import { useSessionStatus } from './hooks/useDesktop';
import type { SessionStatus } from '../../src/core/contract/api';
import { desktopApi } from './api-client';
import type { MapFocus } from './map/controller/focus';
import { RegionOverviewPanel } from './RegionOverviewPanel';
import { AlertCenter } from './workspace/alerts/AlertCenter';
import './workspace/i18n';
import { ModeSwitch } from './workspace/ModeSwitch';
import { SlaSettings } from './workspace/SlaSettings';
import { formatClock } from './workspace/time';
import { WarRoomPanels } from './workspace/WarRoom';
import { Workspace } from './workspace/Workspace';
import './workspace/workspace.css';

/** Which part of the wall this window shows: Electron opens a map window and a panels window. */
type View = 'map' | 'panels' | 'wall';
function currentView(): View {
  const view = new URLSearchParams(window.location.search).get('view');
  return view === 'map' || view === 'panels' ? view : 'wall';
}

/**
 * The screens of the wall: the situation (the war room in wartime), the operator's workspace, the briefing and
 * the shift handover, and the centre's documents.
 */
const SCREENS = ['situation', 'workspace', 'briefing', 'handover', 'reports'] as const;
type Screen = (typeof SCREENS)[number];
/** The situation tab is the war room while the jurisdiction is at war. */
const SCREEN_LABELS: Record<Screen, (wartime: boolean) => string> = {
  situation: (wartime) => (wartime ? 'ws.nav.warRoom' : 'ws.nav.situation'),
  workspace: () => 'ws.nav.workspace',
  briefing: () => 'briefing.nav',
  handover: () => 'handover.nav',
  reports: () => 'reports.nav',
};
const SCREEN_KEY = 'pingan.screen';
function savedScreen(): Screen {
  const saved = localStorage.getItem(SCREEN_KEY);
  return SCREENS.find((screen) => screen === saved) ?? 'situation';
}

export function App() {
  const view = currentView();
  const { t, i18n } = useTranslation();
  const status = useSessionStatus();
  const otherLanguage = i18n.language === 'en' ? 'zh-CN' : 'en';
  // The situation's figures follow its map's drill-down; without a map (the panels window) they show the whole
  // jurisdiction. The other tabs choose their scope themselves.
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [screen, setScreen] = useState<Screen>(savedScreen);
  const [selected, setSelected] = useState<MapFocus | null>(null);
  useEffect(() => localStorage.setItem(SCREEN_KEY, screen), [screen]);
  const wartime = status?.mode === 'wartime';
  // The panels window of a two-display wall shows the war room's panels without its map.
  const warRoom = wartime && view !== 'panels';
  // Status changes with every applied batch; the operator, which the workspace needs, almost never does.
  const operatorKey = JSON.stringify(status?.operator ?? null);
  const operator = useMemo(() => JSON.parse(operatorKey) as SessionStatus['operator'], [operatorKey]);

  const openIncident = (incidentId: string) => {
    void desktopApi.call('incident.get', { id: incidentId }).then((result) => {
      if (!result.ok || !result.value) return;
      setScreen('workspace');
      setSelected({ id: incidentId, location: result.value.incident.location });
    });
  };

  return (
    <div
      className={`app mode-${status?.mode ?? 'peacetime'} view-${view} screen-${screen}`}
      data-testid="app"
      data-mode={status?.mode}
    >
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        <span className="app-subtitle">{t('app.subtitle')}</span>
        {view !== 'map' && (
          <nav className="screen-tabs">
            {SCREENS.map((tab) => (
              <button
                key={tab}
                className={screen === tab ? 'active' : ''}
                data-testid={`screen-${tab}`}
                onClick={() => setScreen(tab)}
              >
                {t(SCREEN_LABELS[tab](wartime))}
              </button>
            ))}
          </nav>
        )}
        {status?.wartime && (
          <span className="wartime-banner" data-testid="wartime-banner" translate="no">
            {t('ws.mode.banner', {
              since: formatClock(status.wartime.since, i18n.language),
              reason: status.wartime.reason,
            })}
          </span>
        )}
        <span className="header-tools">
          {status && <ModeSwitch status={status} />}
          {status && <SlaSettings status={status} />}
          <AlertCenter onOpen={openIncident} />
          <button
            className="language-switch"
            data-testid="language-switch"
            lang={otherLanguage}
            translate="no"
            onClick={() => void i18n.changeLanguage(otherLanguage)}
          >
            {t('language.switchTo')}
          </button>
        </span>
      </header>
      <CatchUpBar catchUp={status?.catchUp ?? null} />
      <div className="tab-screens">
        <TabScreen name="situation" active={view === 'map' || screen === 'situation'}>
          <main
            className={warRoom ? 'wall war-room' : 'wall'}
            data-testid={warRoom ? 'war-room' : 'situation'}
          >
            {view !== 'panels' && <MapPanel onScopeChange={setScope} />}
            {view !== 'map' && (
              <aside className="wall-panels">
                {wartime ? (
                  <WarRoomPanels scope={scope} />
                ) : (
                  <>
                    <FiguresPanel scope={scope} />
                    <LivePanel />
                    <RegionOverviewPanel />
                  </>
                )}
              </aside>
            )}
          </main>
        </TabScreen>
        {view !== 'map' && (
          <>
            <TabScreen name="workspace" active={screen === 'workspace'}>
              <Workspace
                operator={operator}
                selected={selected}
                onSelect={setSelected}
                withMap={view === 'wall'}
              />
            </TabScreen>
            <TabScreen name="briefing" active={screen === 'briefing'}>
              <BriefingScreen operator={operator} />
            </TabScreen>
            <TabScreen name="handover" active={screen === 'handover'}>
              <HandoverScreen operator={operator} onOpen={openIncident} />
            </TabScreen>
            <TabScreen name="reports" active={screen === 'reports'}>
              <ReportsScreen operator={operator} />
            </TabScreen>
          </>
        )}
      </div>
      <StatusBar status={status} />
    </div>
  );
}
