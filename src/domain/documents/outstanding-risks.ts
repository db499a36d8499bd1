import { z } from 'zod';
import { INCIDENT_CATEGORIES, type Incident } from '../incident';
import { jurisdictionCodeSchema } from '../jurisdiction';
import { riskLevelSchema } from '../risk';
import { stageSchema } from '../stage';
import { isoDateTimeSchema, toMillis } from '../time';

/** Why a risk is on the list: graded high, past its deadline, escalated, or back after a failed follow-up. */
export const OUTSTANDING_REASONS = ['high', 'overdue', 'escalated', 'reopened'] as const;
export type OutstandingReason = (typeof OUTSTANDING_REASONS)[number];
export const OUTSTANDING_REASON_LABELS: Record<OutstandingReason, { zh: string; en: string }> = {
  high: { zh: '高风险', en: 'High risk' },
  overdue: { zh: '已超时', en: 'Overdue' },
  escalated: { zh: '升级督办', en: 'Escalated' },
  reopened: { zh: '回访不满意重办', en: 'Reopened after follow-up' },
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
});
export type OutstandingRisk = z.infer<typeof outstandingRiskSchema>;

/** An open incident with the deadline of its current stage under the mode and tables in force. */
export interface OpenIncidentAt {
  incident: Incident;
  deadline: string | null;
}

function reasonsOf({ incident, deadline }: OpenIncidentAt, now: number): OutstandingReason[] {
  const reasons: OutstandingReason[] = [];
  if (incident.riskLevel === 'high') reasons.push('high');
  if (deadline !== null && now > toMillis(deadline)) reasons.push('overdue');
  if (incident.stage === 'supervise') reasons.push('escalated');
  if (incident.reopenCount > 0) reasons.push('reopened');
  return reasons;
}

/**
 * 突出矛盾风险清单: the graded risks that work has not yet defused — every open high risk, and the medium ones
 * that are overdue, escalated or back after a failed follow-up. High first, then overdue, then the oldest.
 */
export function outstandingRisks(open: readonly OpenIncidentAt[], now: number): OutstandingRisk[] {
  const rows: OutstandingRisk[] = [];
  for (const item of open) {
    const { incident } = item;
    if (incident.stage === 'closed' || (incident.riskLevel !== 'high' && incident.riskLevel !== 'medium'))
      continue;
    const reasons = reasonsOf(item, now);
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
