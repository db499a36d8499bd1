import { describe, expect, it } from 'vitest';
import type { IncidentDetail } from '../../src/core/contract/api';
import { DEFAULT_SLA } from '../../src/domain';
import {
  awaitingUnits,
  initialFormValues,
  slaDeadline,
} from '../../renderer/src/workspace/forms/form-values';

const NOW = Date.parse('2026-03-02T01:30:00.000Z');

function detailOf(incident: Partial<IncidentDetail['incident']>): IncidentDetail {
  return {
    incident: { riskLevel: null, assignedUnitIds: [], acknowledgedUnitIds: [], ...incident },
  } as unknown as IncidentDetail;
}

describe('an incident’s action form as it opens', () => {
  it('offers the risk graded so far, the first unit still to report in, and no difficulty', () => {
    const values = initialFormValues(
      detailOf({ riskLevel: 'high', assignedUnitIds: ['u-1', 'u-2', 'u-3'], acknowledgedUnitIds: ['u-1'] }),
      NOW,
    );
    expect(values).toMatchObject({ riskLevel: 'high', unitId: 'u-2', difficulty: '', text: '', unitIds: [] });
    // Three days on, on China's clock.
    expect(values.deadline).toBe('2026-03-05T09:30');
  });

  it('an ungraded incident opens at medium risk, with no unit to name when none awaits', () => {
    const values = initialFormValues(detailOf({}), NOW);
    expect([values.riskLevel, values.unitId]).toEqual(['medium', '']);
    expect(
      awaitingUnits(detailOf({ assignedUnitIds: ['u-1'], acknowledgedUnitIds: ['u-1'] }).incident),
    ).toEqual([]);
  });

  it('suggests the deadline the SLA allows for resolving at the risk, high when ungraded', () => {
    const high = DEFAULT_SLA.peacetime.resolve.high;
    expect(slaDeadline(DEFAULT_SLA, 'peacetime', null, NOW)).toBe(
      slaDeadline(DEFAULT_SLA, 'peacetime', 'high', NOW),
    );
    expect(Date.parse(`${slaDeadline(DEFAULT_SLA, 'peacetime', 'high', NOW)}:00+08:00`) - NOW).toBe(
      high * 60_000,
    );
    expect(slaDeadline(DEFAULT_SLA, 'wartime', 'low', NOW)).not.toBe(
      slaDeadline(DEFAULT_SLA, 'peacetime', 'low', NOW),
    );
  });
});
