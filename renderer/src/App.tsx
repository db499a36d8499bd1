import { useMemo, useState } from 'react';
import './administration/i18n';
import './audit/i18n';
import './briefing/i18n';
import './documents/i18n';
import './handover/i18n';
import './reports/i18n';
import { AppHeader } from './app/AppHeader';
import { DisplayOnlyContext } from './app/display-only';
import {
  AdministrationScreen,
  AuditScreen,
  BriefingScreen,
  HandoverScreen,
  ReportsScreen,
  SituationScreen,
  Workspace,
} from './app/lazy-screens';
import { currentView, isDisplayOnly, screensFor, useSavedScreen, type Screen } from './app/screens';
import { CatchUpBar } from './components/CatchUpBar';
import { LockBar } from './components/LockBar';
import { StatusBar } from './components/StatusBar';
import { SignInDialog } from './sign-in/SignInDialog';
import { TabScreen } from './components/TabScreen';
import { useSessionStatusOrRefusal } from './hooks/useDesktop';
import { useSay } from './words/say';
import { useActivityReports } from './hooks/useActivityReports';
import type { SessionStatus } from '../../src/core/contract/api';
import { isAdminRole } from '../../src/domain';
import { desktopApi } from './api-client';
import type { MapFocus } from './map/controller/focus';
import './workspace/i18n';
import './workspace/workspace.css';

/** The operator, kept the same object while it is the same: status changes with every applied batch. */
function useOperator(status: SessionStatus | undefined): SessionStatus['operator'] {
  const operatorKey = JSON.stringify(status?.operator ?? null);
  return useMemo(() => JSON.parse(operatorKey) as SessionStatus['operator'], [operatorKey]);
}

export function App() {
  const view = currentView();
  const { status, refusal } = useSessionStatusOrRefusal();
  const say = useSay();
  const [savedScreen, setScreen] = useSavedScreen();
  const [selected, setSelected] = useState<MapFocus | null>(null);
  const wartime = status?.mode === 'wartime';
  // The workspace needs the operator, which almost never changes.
  const operator = useOperator(status);
  const role = operator?.role;
  const screens = screensFor(role);
  const displayOnly = isDisplayOnly(role);
  // Only real input keeps an operator's screen open; a wall's never locks.
  useActivityReports(operator !== null && !displayOnly);
  /** The tab shown: the one saved if this role has it, else the role's first. */
  const screen: Screen = screens.includes(savedScreen) ? savedScreen : (screens[0] ?? 'situation');
  // The map window shows the situation, or the first screen of a role that has none.
  const shows = (name: Screen) =>
    screens.includes(name) && (view === 'map' ? name === screens[0] : screen === name);

  /** An incident opened from an alert or the handover: the workspace shows it, and its map flies to it. */
  const openIncident = (incidentId: string) => {
    void desktopApi.call('incident.get', { id: incidentId }).then((result) => {
      if (!result.ok || !result.value) return;
      setScreen('workspace');
      setSelected({ id: incidentId, location: result.value.incident.location });
    });
  };

  return (
    <DisplayOnlyContext.Provider value={displayOnly}>
      <div
        className={`app mode-${status?.mode ?? 'peacetime'} view-${view} screen-${screen}${status?.locked ? ' locked' : ''}`}
        data-testid="app"
        data-mode={status?.mode}
        data-role={role}
      >
        <AppHeader
          status={status}
          screen={screen}
          screens={screens}
          withTabs={view !== 'map' && screens.length > 1}
          onScreen={setScreen}
          onOpenIncident={openIncident}
        />
        <CatchUpBar catchUp={status?.catchUp ?? null} />
        {status?.locked && <LockBar withCode={isAdminRole(status.operator?.role ?? '')} />}
        {status?.signInStep && <SignInDialog step={status.signInStep} />}
        {/* Nothing before the core says who is signed in: an audit administrator's screen never shows the situation. */}
        {!status && refusal && (
          <p className="session-refusal" role="alert" data-testid="session-refusal">
            {say(refusal)}
          </p>
        )}
        <div className="tab-screens">
          {status && screens.includes('situation') && (
            <TabScreen name="situation" active={shows('situation')}>
              <SituationScreen view={view} wartime={wartime} />
            </TabScreen>
          )}
          {status && view !== 'map' && screens.includes('workspace') && (
            <>
              <TabScreen name="workspace" active={shows('workspace')}>
                <Workspace
                  operator={operator}
                  selected={selected}
                  onSelect={setSelected}
                  withMap={view === 'wall'}
                />
              </TabScreen>
              <TabScreen name="briefing" active={shows('briefing')}>
                <BriefingScreen operator={operator} />
              </TabScreen>
              <TabScreen name="handover" active={shows('handover')}>
                <HandoverScreen operator={operator} onOpen={openIncident} />
              </TabScreen>
              <TabScreen name="reports" active={shows('reports')}>
                <ReportsScreen operator={operator} />
              </TabScreen>
            </>
          )}
          {operator && screens.includes('audit') && (
            <TabScreen name="audit" active={shows('audit')}>
              <AuditScreen operator={operator} />
            </TabScreen>
          )}
          {operator && screens.includes('administration') && (
            <TabScreen name="administration" active={shows('administration')}>
              <AdministrationScreen operator={operator} />
            </TabScreen>
          )}
        </div>
        <StatusBar status={status} situation={screens.includes('situation')} />
      </div>
    </DisplayOnlyContext.Provider>
  );
}
