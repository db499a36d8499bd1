import { useState } from 'react';
import { LivePanel } from '../components/LivePanel';
import { MapPanel } from '../components/MapPanel';
import { FiguresPanel } from '../figures/FiguresPanel';
import { RegionOverviewPanel } from '../RegionOverviewPanel';
import { WarRoomPanels } from '../workspace/WarRoom';
import type { View } from './screens';

/**
 * The situation: the wall map beside the figures and the live feed, or the war room's panels while the
 * jurisdiction is at war. The panels window of a two-display wall shows the panels without the map.
 */
export function SituationScreen({ view, wartime }: { view: View; wartime: boolean }) {
  // The figures follow the map's drill-down; without a map (the panels window) they show the whole
  // jurisdiction.
  const [scope, setScope] = useState<string | undefined>(undefined);
  const warRoom = wartime && view !== 'panels';
  return (
    <main className={warRoom ? 'wall war-room' : 'wall'} data-testid={warRoom ? 'war-room' : 'situation'}>
      {view !== 'panels' && <MapPanel onScopeChange={setScope} warRoom={warRoom} />}
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
  );
}
