import { describe, expect, it } from 'vitest';
import { compareRisk, isMoreUrgent, riskRank, type RiskLevel } from '../../src/domain';

describe('risk levels', () => {
  it('rank high before medium before low', () => {
    expect([riskRank('high'), riskRank('medium'), riskRank('low')]).toEqual([0, 1, 2]);
  });

  it('sort the most urgent first', () => {
    const levels: RiskLevel[] = ['low', 'high', 'medium', 'high'];
    expect(levels.sort(compareRisk)).toEqual(['high', 'high', 'medium', 'low']);
  });

  it('say which of two levels is more urgent, and that no level is more urgent than itself', () => {
    expect(isMoreUrgent('high', 'medium')).toBe(true);
    expect(isMoreUrgent('low', 'medium')).toBe(false);
    expect(isMoreUrgent('medium', 'medium')).toBe(false);
  });
});
