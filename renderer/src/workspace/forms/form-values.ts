import type { IncidentDetail } from '../../../../src/core/contract/api';
import {
  chinaClockMinute,
  type Incident,
  type IncidentFormValues,
  type Mode,
  type RiskLevel,
  type SlaConfig,
} from '../../../../src/domain';

/** How long an assignment gives by default until the SLA tables have been read. */
const DEFAULT_HANDLING_MS = 3 * 24 * 3_600_000;

/** The units given the incident that have not yet reported in on their order. */
export function awaitingUnits(incident: Incident): string[] {
  return incident.assignedUnitIds.filter((id) => !incident.acknowledgedUnitIds.includes(id));
}

/** A form as it opens on an incident: its risk as graded so far, the first unit still to report in. */
export function initialFormValues(detail: IncidentDetail, now: number): IncidentFormValues {
  const { incident } = detail;
  return {
    text: '',
    riskLevel: incident.riskLevel ?? 'medium',
    unitIds: [],
    deadline: chinaClockMinute(now + DEFAULT_HANDLING_MS),
    unitId: awaitingUnits(incident)[0] ?? '',
    // No default: the grade sets a grid worker's pay, so it is chosen, never assumed.
    difficulty: '',
    resolver: '',
    satisfaction: 'satisfied',
  };
}

/** The default handling deadline: the resolution time the SLA allows at the incident's risk (high if ungraded). */
export function slaDeadline(config: SlaConfig, mode: Mode, riskLevel: RiskLevel | null, now: number): string {
  const minutes = config[mode].resolve[riskLevel ?? 'high'];
  return chinaClockMinute(now + minutes * 60_000);
}
