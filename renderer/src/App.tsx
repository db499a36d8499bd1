import { useMemo, useState } from 'react';
import './briefing/i18n';
import './documents/i18n';
import './handover/i18n';
import './reports/i18n';
import { AppHeader } from './app/AppHeader';
import {
  BriefingScreen,
  HandoverScreen,
  ReportsScreen,
  SituationScreen,
  Workspace,
} from './app/lazy-screens';
import { currentView, useSavedScreen } from './app/screens';
import { CatchUpBar } from './components/CatchUpBar';
import { StatusBar } from './components/StatusBar';
import { TabScreen } from './components/TabScreen';
import { useSessionStatus } from './hooks/useDesktop';
import type { SessionStatus } from '../../src/core/contract/api';
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
  const status = useSessionStatus();
  const [screen, setScreen] = useSavedScreen();
  const [selected, setSelected] = useState<MapFocus | null>(null);
  const wartime = status?.mode === 'wartime';
  // The workspace needs the operator, which almost never changes.
  const operator = useOperator(status);

  /** An incident opened from an alert or the handover: the workspace shows it, and its map flies to it. */
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
      <AppHeader
        status={status}
        screen={screen}
        withTabs={view !== 'map'}
        onScreen={setScreen}
        onOpenIncident={openIncident}
      />
      <CatchUpBar catchUp={status?.catchUp ?? null} />
      <div className="tab-screens">
        <TabScreen name="situation" active={view === 'map' || screen === 'situation'}>
          <SituationScreen view={view} wartime={wartime} />
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
