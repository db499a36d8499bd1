import { z } from 'zod';
import { INCIDENT_CATEGORIES, type Incident } from '../incident';
import { jurisdictionCodeSchema } from '../jurisdiction';
import { riskLevelSchema } from '../risk';
import { stageSchema } from '../stage';
import { chinaDaySchema } from '../china-day';
import {
  DANGEROUS_OBJECT_CATEGORIES,
  inspectionDue,
  isInspectionOverdue,
  sensitivePlacesAround,
  type DangerousObject,
  type SensitivePlace,
} from '../target';
import { isoDateTimeSchema, toMillis } from '../time';

/**
 * Why a risk is on the list: graded high, past its deadline, escalated, back after a failed follow-up, or inside
 * the protective radius of a sensitive place (a school, a hospital, a station …).
 */
export const OUTSTANDING_REASONS = [
  'high',
  'overdue',
  'escalated',
  'reopened',
  'near-sensitive-place',
] as const;
export type OutstandingReason = (typeof OUTSTANDING_REASONS)[number];
export const OUTSTANDING_REASON_LABELS: Record<OutstandingReason, { zh: string; en: string }> = {
  high: { zh: '高风险', en: 'High risk' },
  overdue: { zh: '已超时', en: 'Overdue' },
  escalated: { zh: '升级督办', en: 'Escalated' },
  reopened: { zh: '回访不满意重办', en: 'Reopened after follow-up' },
  'near-sensitive-place': { zh: '敏感地周边', en: 'Near a sensitive place' },
};

export const outstandingRiskSchema = z.object({
  incidentId: z.string(),
  title: z.string(),
  category: z.enum(INCIDENT_CATEGORIES),
  riskLevel: riskLevelSchema,
  jurisdictionCode: jurisdictionCodeSchema,
  address: z.string(),
  stage: stageSchema,
  unitIds: z.array(z.string()),
  createdAt: isoDateTimeSchema,
  deadline: isoDateTimeSchema.nullable(),
  reasons: z.array(z.enum(OUTSTANDING_REASONS)).min(1),
  /** The sensitive places whose protective radius holds the incident, by id. */
  sensitivePlaceIds: z.array(z.string()).optional(),
});
export type OutstandingRisk = z.infer<typeof outstandingRiskSchema>;

/** An open incident with the deadline of its current stage under the mode and tables in force. */
export interface OpenIncidentAt {
  incident: Incident;
  deadline: string | null;
}

function reasonsOf(
  { incident, deadline }: OpenIncidentAt,
  now: number,
  nearPlaces: readonly SensitivePlace[],
): OutstandingReason[] {
  const reasons: OutstandingReason[] = [];
  if (incident.riskLevel === 'high') reasons.push('high');
  if (deadline !== null && now > toMillis(deadline)) reasons.push('overdue');
  if (incident.stage === 'supervise') reasons.push('escalated');
  if (incident.reopenCount > 0) reasons.push('reopened');
  if (nearPlaces.length > 0) reasons.push('near-sensitive-place');
  return reasons;
}

/**
 * 突出矛盾风险清单: the graded risks that work has not yet defused — every open high risk, and the medium ones
 * that are overdue, escalated, back after a failed follow-up or close to a sensitive place. High first, then
 * overdue, then the oldest.
 */
export function outstandingRisks(
  open: readonly OpenIncidentAt[],
  now: number,
  sensitivePlaces: readonly SensitivePlace[] = [],
): OutstandingRisk[] {
  const rows: OutstandingRisk[] = [];
  for (const item of open) {
    const { incident } = item;
    if (incident.stage === 'closed' || (incident.riskLevel !== 'high' && incident.riskLevel !== 'medium'))
      continue;
    const [lng, lat] = incident.location;
    const nearPlaces = sensitivePlacesAround(sensitivePlaces, { lng, lat });
    const reasons = reasonsOf(item, now, nearPlaces);
    if (reasons.length === 0) continue;
    rows.push({
      incidentId: incident.id,
      title: incident.title,
      category: incident.category,
      riskLevel: incident.riskLevel,
      jurisdictionCode: incident.jurisdictionCode,
      address: incident.address,
      stage: incident.stage,
      unitIds: incident.assignedUnitIds,
      createdAt: incident.createdAt,
      deadline: item.deadline,
      reasons,
      sensitivePlaceIds: nearPlaces.map((place) => place.id),
    });
  }
  return rows.sort(
    (a, b) =>
      Number(b.riskLevel === 'high') - Number(a.riskLevel === 'high') ||
      Number(b.reasons.includes('overdue')) - Number(a.reasons.includes('overdue')) ||
      toMillis(a.createdAt) - toMillis(b.createdAt) ||
      a.incidentId.localeCompare(b.incidentId),
  );
}

/** 危险物 on the list: past its inspection, riskiest first, then the longest overdue. */
export const outstandingDangerousObjectSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(DANGEROUS_OBJECT_CATEGORIES),
  holder: z.string(),
  riskLevel: riskLevelSchema,
  jurisdictionCode: jurisdictionCodeSchema,
  address: z.string(),
  lastInspectedOn: chinaDaySchema,
  inspectionDue: chinaDaySchema,
});
export type OutstandingDangerousObject = z.infer<typeof outstandingDangerousObjectSchema>;

export function overdueDangerousObjects(
  objects: readonly DangerousObject[],
  now: number,
): OutstandingDangerousObject[] {
  const rank = (level: string) => ['high', 'medium', 'low'].indexOf(level);
  return objects
    .filter((object) => object.removal === null && isInspectionOverdue(object, now))
    .map((object) => ({
      id: object.id,
      name: object.name,
      category: object.category,
      holder: object.holder,
      riskLevel: object.riskLevel,
      jurisdictionCode: object.jurisdictionCode,
      address: object.address,
      lastInspectedOn: object.lastInspectedOn,
      inspectionDue: inspectionDue(object),
    }))
    .sort(
      (a, b) =>
        rank(a.riskLevel) - rank(b.riskLevel) ||
        a.inspectionDue.localeCompare(b.inspectionDue) ||
        a.id.localeCompare(b.id),
    );
}
