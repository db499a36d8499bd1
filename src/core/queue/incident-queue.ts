import {
  deadlineFor,
  modeInForce,
  riskRank,
  slaInForce,
  toMillis,
  type Incident,
  type Mode,
  type ModeState,
  type SlaConfig,
  supervisingCentre,
} from '../../domain';
import type { QueueFilter, QueueRow, QueueSort, QueueWindow, SlaState } from '../contract/queue';

/** A deadline closer than this is warned about. */
export const DUE_SOON_MS = 30 * 60_000;

export interface QueueRules {
  now: number;
  modes: readonly ModeState[];
  slaConfigs: readonly { jurisdictionCode: string; config: SlaConfig }[];
}

interface Entry {
  incident: Incident;
  /** Lower-cased text a search is matched against. */
  haystack: string;
}

function haystackOf(incident: Incident): string {
  return [
    incident.id,
    incident.title,
    incident.description,
    incident.address,
    incident.reporter?.name ?? '',
    incident.reporter?.phone ?? '',
  ]
    .join('\n')
    .toLowerCase();
}

const RISK_ORDER = (row: QueueRow) => (row.riskLevel === null ? -1 : riskRank(row.riskLevel));

/** Code-unit order: ids and instants need no collation, and `localeCompare` is many times slower. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Instants in the queue are the hub's own stamps and deadlines computed from them, all in UTC ("…Z"), so
 * they order correctly as strings.
 */
const COMPARATORS: Record<QueueSort, (a: QueueRow, b: QueueRow) => number> = {
  // Most urgent first: the nearest (or most overdue) deadline; closed incidents, which have none, last.
  deadline: (a, b) =>
    a.deadline === b.deadline
      ? byText(a.id, b.id)
      : a.deadline === null
        ? 1
        : b.deadline === null
          ? -1
          : byText(a.deadline, b.deadline),
  updated: (a, b) => byText(b.updatedAt, a.updatedAt) || byText(a.id, b.id),
  created: (a, b) => byText(b.createdAt, a.createdAt) || byText(a.id, b.id),
  // Ungraded first (they may be the urgent ones), then high, medium, low; oldest first within each.
  risk: (a, b) => RISK_ORDER(a) - RISK_ORDER(b) || byText(a.createdAt, b.createdAt) || byText(a.id, b.id),
};

/**
 * The incident queue behind the workspace: every incident in scope held in memory as parsed documents, kept
 * current from the cache's change notices, filtered and sorted on demand. A screen asks for a window of
 * rows at a time, so a list of 50,000 costs the renderer only the rows it shows. Deadlines depend on the
 * clock, the mode and the SLA tables, so rows are derived per query and the last result is kept only until
 * something changes or the clock moves on.
 */
export class IncidentQueue {
  private readonly entries = new Map<string, Entry>();
  /** Loaded on first use, so that opening the core does not wait for every incident to be parsed. */
  private loaded = false;
  private memo: { key: string; at: number; rows: QueueRow[]; byStage: Record<string, number> } | undefined;

  constructor(private readonly loadIncidents: (ids: readonly string[] | null) => Incident[]) {}

  get size(): number {
    this.load();
    return this.entries.size;
  }

  /** Reloads `ids` from the cache, or everything when null (after a snapshot). */
  refresh(ids: readonly string[] | null): void {
    this.memo = undefined;
    if (ids === null) {
      this.entries.clear();
      this.loaded = false;
    }
    if (!this.loaded) return;
    const loaded = this.loadIncidents(ids);
    for (const id of ids ?? []) this.entries.delete(id);
    for (const incident of loaded)
      this.entries.set(incident.id, { incident, haystack: haystackOf(incident) });
  }

  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    for (const incident of this.loadIncidents(null))
      this.entries.set(incident.id, { incident, haystack: haystackOf(incident) });
  }

  get(id: string): Incident | undefined {
    this.load();
    return this.entries.get(id)?.incident;
  }

  window(
    filter: QueueFilter,
    sort: QueueSort,
    offset: number,
    limit: number,
    rules: QueueRules,
  ): QueueWindow {
    const { rows, byStage } = this.matching(filter, sort, rules);
    let overdue = 0;
    let dueSoon = 0;
    for (const row of rows) {
      if (row.sla === 'overdue') overdue += 1;
      else if (row.sla === 'due-soon') dueSoon += 1;
    }
    return {
      total: rows.length,
      byStage,
      overdue,
      dueSoon,
      offset,
      rows: rows.slice(offset, offset + limit),
    };
  }

  /** Every matching row in order, for export. */
  all(filter: QueueFilter, sort: QueueSort, rules: QueueRules): QueueRow[] {
    return this.matching(filter, sort, rules).rows;
  }

  private matching(filter: QueueFilter, sort: QueueSort, rules: QueueRules) {
    this.load();
    const key = JSON.stringify([filter, sort, rules.modes, rules.slaConfigs]);
    // Deadlines move with the clock: a result older than ten seconds is derived again.
    if (this.memo?.key === key && rules.now - this.memo.at < 10_000) return this.memo;

    const rulesAt = new Map<string, { mode: Mode; sla: SlaConfig }>();
    const rulesFor = (code: string) => {
      let found = rulesAt.get(code);
      if (!found) {
        found = { mode: modeInForce(rules.modes, code), sla: slaInForce(rules.slaConfigs, code) };
        rulesAt.set(code, found);
      }
      return found;
    };
    const text = filter.text?.toLowerCase();
    const byStage: Record<string, number> = {};
    const rows: QueueRow[] = [];
    for (const { incident, haystack } of this.entries.values()) {
      if (filter.scope && !incident.jurisdictionCode.startsWith(filter.scope)) continue;
      if (filter.risks && !filter.risks.includes(incident.riskLevel ?? 'ungraded')) continue;
      if (filter.kinds && !filter.kinds.includes(incident.kind)) continue;
      if (filter.categories && !filter.categories.includes(incident.category)) continue;
      if (filter.sources && !filter.sources.includes(incident.source)) continue;
      if (filter.unitId && !incident.assignedUnitIds.includes(filter.unitId)) continue;
      if (filter.supervisedBy && !isSupervisedBy(incident, filter.supervisedBy)) continue;
      if (text && !haystack.includes(text)) continue;
      const { mode, sla } = rulesFor(incident.jurisdictionCode);
      const row = rowOf(incident, deadlineFor(incident, incident.stage, mode, sla), rules.now);
      if (filter.overdueOnly && row.sla !== 'overdue') continue;
      byStage[incident.stage] = (byStage[incident.stage] ?? 0) + 1;
      if (filter.stages && !filter.stages.includes(incident.stage)) continue;
      rows.push(row);
    }
    rows.sort(COMPARATORS[sort]);
    this.memo = { key, at: rules.now, rows, byStage };
    return this.memo;
  }
}

function slaStateOf(deadline: string | null, now: number): SlaState {
  if (deadline === null) return 'none';
  const left = toMillis(deadline) - now;
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'due-soon' : 'on-time';
}

function rowOf(incident: Incident, deadline: string | null, now: number): QueueRow {
  return {
    id: incident.id,
    version: incident.version,
    title: incident.title,
    kind: incident.kind,
    category: incident.category,
    source: incident.source,
    stage: incident.stage,
    riskLevel: incident.riskLevel,
    jurisdictionCode: incident.jurisdictionCode,
    address: incident.address,
    location: incident.location,
    createdAt: incident.createdAt,
    updatedAt: incident.updatedAt,
    deadline,
    sla: slaStateOf(deadline, now),
    assignedUnitIds: incident.assignedUnitIds,
    acknowledgedCount: incident.acknowledgedUnitIds.length,
    escalationLevel: incident.escalations?.length ?? 0,
  };
}

/** Escalated for being overdue, and now supervised by the centre at `code`. */
function isSupervisedBy(incident: Incident, code: string): boolean {
  return (incident.escalations?.length ?? 0) > 0 && supervisingCentre(incident) === code;
}
