import {
  DEFAULT_SLA,
  HEADLINE_FIGURES,
  isAcknowledgementLate,
  isOverdue,
  type Incident,
} from '../../src/domain';
import { TAIHE, type SimulatedDays, type Step } from './simulated-days';

/**
 * A briefing's figures worked out again from a simulated log's truth, the states each incident passed
 * through, never from the event log: what a briefing built from the events is checked against.
 */
export function briefingTruth(log: SimulatedDays) {
  const warSince = Date.parse(log.wartime.since);

  function stepAt(history: readonly Step[], at: number): Step | undefined {
    let found: Step | undefined;
    for (const step of history) if (step.at <= at) found = step;
    return found;
  }

  function modeAt(incident: Incident, at: number) {
    return at >= warSince && incident.jurisdictionCode.startsWith(TAIHE) ? 'wartime' : 'peacetime';
  }

  /** The open incidents in `scope` at `at`, each with whether it was overdue then. */
  function openAt(scope: string, at: number) {
    return log.histories
      .map((history) => stepAt(history, at))
      .filter((step): step is Step => step !== undefined && step.incident.stage !== 'closed')
      .filter((step) => step.incident.jurisdictionCode.startsWith(scope))
      .map((step) => ({
        step,
        overdue: isOverdue(step.incident, new Date(at).toISOString(), modeAt(step.incident, at), DEFAULT_SLA),
      }));
  }

  /** Steps of one kind taken in [from, to]. */
  function stepsIn(scope: string, from: number, to: number, keep: (step: Step) => boolean): Step[] {
    return log.histories
      .flat()
      .filter((step) => step.at >= from && step.at <= to && step.incident.jurisdictionCode.startsWith(scope))
      .filter(keep);
  }

  /** The headline figures of the stretch [start, end]: what happened in it, and what was open at its end. */
  function figures(scope: string, start: number, end: number) {
    const taken = (action: Step['action'], extra: (step: Step) => boolean = () => true) =>
      stepsIn(scope, start, end, (step) => step.action === action && extra(step)).length;
    const open = openAt(scope, end);
    return {
      arrivals: taken('open'),
      highRisk: taken('assess', (step) => step.incident.riskLevel === 'high'),
      resolved: taken('resolve'),
      // A follow-up closes the incident unless the caller was dissatisfied.
      closed: taken('recordFollowUp', (step) => step.incident.stage === 'closed'),
      open: open.length,
      overdue: open.filter((item) => item.overdue).length,
    };
  }

  /**
   * The headline of the last of `stretches` (each [start, end], oldest first) against the one before it and
   * the mean of all the others, leaving out those that began before the log did (`logStart`, by default the
   * simulated log's own start).
   */
  function headline(
    scope: string,
    stretches: readonly (readonly [number, number])[],
    logStart: number = log.startsAt,
  ) {
    const all = stretches.map(([start, end]) => figures(scope, start, end));
    const baseline = stretches.slice(0, -1).map(([start], index) => (start >= logStart ? all[index]! : null));
    const previous = baseline.at(-1) ?? null;
    const recorded = baseline.filter((f) => f !== null);
    return HEADLINE_FIGURES.map((figure) => ({
      figure,
      current: all.at(-1)![figure],
      previous: previous === null ? null : previous[figure],
      baselineMean:
        recorded.length === 0 ? null : recorded.reduce((sum, f) => sum + f[figure], 0) / recorded.length,
      baselinePeriods: recorded.length,
    }));
  }

  /** Orders issued in `scope` in [from, to], per unit, as they stood at `asOf`. */
  function ordersIn(scope: string, from: number, to: number, asOf: number) {
    const units = new Map<string, { issued: number; acknowledged: number; late: number }>();
    for (const history of log.histories) {
      const last = stepAt(history, asOf);
      for (const assign of history) {
        if (assign.action !== 'assign' || assign.at < from || assign.at > to) continue;
        if (!assign.incident.jurisdictionCode.startsWith(scope)) continue;
        for (const unitId of assign.incident.assignedUnitIds) {
          const order = last!.orders.get(unitId)!;
          const unit = units.get(unitId) ?? { issued: 0, acknowledged: 0, late: 0 };
          unit.issued += 1;
          if (order.acknowledgement) unit.acknowledged += 1;
          if (isAcknowledgementLate(order, new Date(asOf).toISOString())) unit.late += 1;
          units.set(unitId, unit);
        }
      }
    }
    return units;
  }

  return { stepAt, openAt, stepsIn, figures, headline, ordersIn };
}
