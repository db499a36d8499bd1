import {
  CODE_LENGTH,
  outstandingRisks,
  overdueDangerousObjects,
  STAGES,
  type OpenIncidentAt,
  type OutstandingRisk,
} from '../../domain';
import { targetsIn } from '../cache/targets';
import type { CoreServices } from './types';

export type RiskListSources = Pick<CoreServices, 'cache' | 'queue' | 'queueRules' | 'names'>;

/** Every open incident in `scope` with the deadline of its stage under the mode and tables in force. */
function openIncidents({ queue, queueRules }: RiskListSources, scope: string): OpenIncidentAt[] {
  const open = STAGES.filter((stage) => stage !== 'closed');
  return queue.all({ scope, stages: open }, 'deadline', queueRules()).flatMap((row) => {
    const incident = queue.get(row.id);
    return incident ? [{ incident, deadline: row.deadline }] : [];
  });
}

/** The registers of a scope as the cache holds them, entries taken off left out. */
function registered({ cache }: RiskListSources, scope: string) {
  const live = targetsIn(cache.db, scope).filter((target) => target.removal === null);
  return {
    dangerousObjects: live.filter((target) => target.kind === 'dangerous-object'),
    sensitivePlaces: live.filter((target) => target.kind === 'sensitive-place'),
  };
}

/** 突出矛盾风险清单 of a scope, incidents near its sensitive places marked. */
export function outstanding(sources: RiskListSources, scope: string, now: number): OutstandingRisk[] {
  return outstandingRisks(openIncidents(sources, scope), now, registered(sources, scope).sensitivePlaces);
}

/** The names a risk list's rows mention: villages, townships (the letters' addressees), units and sensitive places. */
export function riskListNames(
  sources: RiskListSources,
  scope: string,
  rows: readonly OutstandingRisk[],
): Record<string, string> {
  const names = sources.names.places([
    scope,
    ...rows.map((row) => row.jurisdictionCode.slice(0, CODE_LENGTH.village)),
    ...rows.map((row) => row.jurisdictionCode.slice(0, CODE_LENGTH.township)),
  ]);
  sources.names.addUnits(
    names,
    rows.flatMap((row) => row.unitIds),
  );
  const places = new Map(registered(sources, scope).sensitivePlaces.map((place) => [place.id, place.name]));
  for (const placeId of new Set(rows.flatMap((row) => row.sensitivePlaceIds ?? [])))
    names[placeId] = places.get(placeId) ?? placeId;
  return names;
}

/** 突出矛盾风险清单 of a scope: the incidents, the dangerous objects overdue for inspection, and their names. */
export function riskList(sources: RiskListSources, scope: string, now: number) {
  const rows = outstanding(sources, scope, now);
  const dangerousObjects = overdueDangerousObjects(registered(sources, scope).dangerousObjects, now);
  const names = {
    ...riskListNames(sources, scope, rows),
    ...sources.names.places(
      dangerousObjects.map((object) => object.jurisdictionCode.slice(0, CODE_LENGTH.village)),
    ),
  };
  return { rows, dangerousObjects, names };
}
