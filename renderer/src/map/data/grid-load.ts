import { CODE_LENGTH } from '../../../../src/domain';
import { RISK_RANK, type MapRisk } from '../style/palette';
import { isOpenIncident, jurisdictionOf, riskOf, type MapEntity } from './entities';
import type { EntityChange } from './entity-store';

export interface GridLoad {
  openCount: number;
  /** The most urgent open risk in the grid, or 'none' with nothing open. */
  maxRisk: MapRisk | 'none';
}

const NO_LOAD: GridLoad = { openCount: 0, maxRisk: 'none' };

/** Open incidents per grid, kept up to date change by change, to colour the grids by. */
export class GridLoadIndex {
  private readonly openByGrid = new Map<string, Map<string, MapRisk>>();
  private readonly gridOfIncident = new Map<string, string>();

  reset(incidents: Iterable<MapEntity>): void {
    this.openByGrid.clear();
    this.gridOfIncident.clear();
    for (const incident of incidents) this.place(incident);
  }

  /** Applies a change to the incidents and returns the grids whose load it changed. */
  apply(change: EntityChange): Set<string> {
    const touched = new Set<string>();
    const forget = (id: string) => {
      const grid = this.gridOfIncident.get(id);
      if (grid === undefined) return;
      touched.add(grid);
      this.openByGrid.get(grid)?.delete(id);
      this.gridOfIncident.delete(id);
    };
    for (const incident of change.upserted) {
      forget(incident.id);
      const grid = this.place(incident);
      if (grid) touched.add(grid);
    }
    change.removed.forEach(forget);
    return touched;
  }

  loadOf(grid: string): GridLoad {
    const open = this.openByGrid.get(grid);
    if (!open?.size) return NO_LOAD;
    let maxRisk: MapRisk = 'ungraded';
    for (const risk of open.values()) if (RISK_RANK[risk] > RISK_RANK[maxRisk]) maxRisk = risk;
    return { openCount: open.size, maxRisk };
  }

  /** Incidents filed against a village rather than one of its grids colour no grid. */
  private place(incident: MapEntity): string | undefined {
    const grid = jurisdictionOf(incident);
    if (grid.length !== CODE_LENGTH.grid || !isOpenIncident(incident)) return undefined;
    const open = this.openByGrid.get(grid) ?? new Map<string, MapRisk>();
    open.set(incident.id, riskOf(incident));
    this.openByGrid.set(grid, open);
    this.gridOfIncident.set(incident.id, grid);
    return grid;
  }
}
