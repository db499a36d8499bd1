import { join } from 'node:path';
import { LocalCache } from '../../../src/core/cache/local-cache';
import { IncidentQueue } from '../../../src/core/queue/incident-queue';
import type { EntityState, Incident, ModeState, SlaConfig } from '../../../src/domain';
import { tempDir } from './core-harness';

export interface QueueRulesHeld {
  modes?: ModeState[];
  slaConfigs?: { jurisdictionCode: string; config: SlaConfig }[];
}

/** The entities a cache holds for these incidents and rules, as a hub's snapshot would send them. */
function entitiesOf(incidents: readonly Incident[], rules: QueueRulesHeld): EntityState[] {
  return [
    ...incidents.map((incident) => ({
      kind: 'incident' as const,
      id: incident.id,
      jurisdiction: incident.jurisdictionCode,
      version: incident.version,
      doc: incident,
    })),
    ...(rules.modes ?? []).map((mode) => ({
      kind: 'mode' as const,
      id: mode.jurisdictionCode,
      jurisdiction: mode.jurisdictionCode,
      version: 1,
      doc: mode,
    })),
    ...(rules.slaConfigs ?? []).map(({ jurisdictionCode, config }) => ({
      kind: 'sla' as const,
      id: jurisdictionCode,
      jurisdiction: jurisdictionCode,
      version: 1,
      doc: config,
    })),
  ];
}

/** A queue over a real cache holding exactly these incidents and rules; `hold` replaces what it holds. */
export function queueOver(incidents: readonly Incident[], rules: QueueRulesHeld = {}) {
  const cache = new LocalCache(join(tempDir('pingan-queue-'), 'cache.db'));
  let seq = 1;
  const hold = (next: readonly Incident[], nextRules: QueueRulesHeld = rules) =>
    cache.applySnapshot((seq += 1), entitiesOf(next, nextRules));
  hold(incidents);
  return { cache, queue: new IncidentQueue(cache.db, cache.personal), hold };
}
