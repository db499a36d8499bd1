import { z } from 'zod';
import { chinaDaySchema } from '../china-day';
import type { HubEvent } from '../event';
import type { Incident } from '../incident';
import { jurisdictionCodeSchema } from '../jurisdiction';
import type { LogReplay } from '../log-replay';
import { riskLevelSchema } from '../risk';
import {
  inspectionDue,
  isInspectionOverdue,
  sensitivePlacesAround,
  type DangerousObject,
  type SensitivePlace,
} from '../target';

const countSchema = z.number().int().nonnegative();

/**
 * What a briefing says of the two registers as they stood at its end: how many dangerous objects and sensitive
 * places were registered, which dangerous objects were overdue for inspection, and which open incidents lay
 * inside a sensitive place's protective radius.
 */
export const briefingTargetsSchema = z.object({
  dangerousObjects: countSchema,
  sensitivePlaces: countSchema,
  overdueInspections: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      jurisdictionCode: jurisdictionCodeSchema,
      riskLevel: riskLevelSchema,
      inspectionDue: chinaDaySchema,
    }),
  ),
  nearSensitivePlaces: z.array(
    z.object({
      incidentId: z.string(),
      title: z.string(),
      riskLevel: riskLevelSchema.nullable(),
      placeId: z.string(),
      placeName: z.string(),
    }),
  ),
});
export type BriefingTargets = z.infer<typeof briefingTargetsSchema>;

/** The register events a briefing replays, alongside the incidents' lives. */
export const TARGET_EVENT_TYPES = [
  'target.registered',
  'target.removed',
] as const satisfies readonly HubEvent['type'][];

/** The registers as the replay stands: entries not taken off by then. */
export function registeredAt(replay: LogReplay) {
  const live = <T extends { removal: unknown }>(kind: 'dangerous-object' | 'sensitive-place') =>
    [...replay.all<T>(kind)].map((entity) => entity.doc).filter((doc) => doc.removal === null);
  return {
    dangerousObjects: live<DangerousObject>('dangerous-object'),
    sensitivePlaces: live<SensitivePlace>('sensitive-place'),
  };
}

/** The open incidents inside a protective radius, each with the nearest-listed place that holds it. */
export function incidentsNearSensitivePlaces(
  open: readonly Incident[],
  places: readonly SensitivePlace[],
): BriefingTargets['nearSensitivePlaces'] {
  return open.flatMap((incident) => {
    const [lng, lat] = incident.location;
    const place = sensitivePlacesAround(places, { lng, lat })[0];
    return place
      ? [
          {
            incidentId: incident.id,
            title: incident.title,
            riskLevel: incident.riskLevel,
            placeId: place.id,
            placeName: place.name,
          },
        ]
      : [];
  });
}

export function briefingTargets(replay: LogReplay, open: readonly Incident[]): BriefingTargets {
  const { dangerousObjects, sensitivePlaces } = registeredAt(replay);
  return {
    dangerousObjects: dangerousObjects.length,
    sensitivePlaces: sensitivePlaces.length,
    overdueInspections: dangerousObjects
      .filter((object) => isInspectionOverdue(object, replay.at))
      .map((object) => ({
        id: object.id,
        name: object.name,
        jurisdictionCode: object.jurisdictionCode,
        riskLevel: object.riskLevel,
        inspectionDue: inspectionDue(object),
      }))
      .sort((a, b) => a.inspectionDue.localeCompare(b.inspectionDue) || a.id.localeCompare(b.id)),
    nearSensitivePlaces: incidentsNearSensitivePlaces(open, sensitivePlaces),
  };
}
