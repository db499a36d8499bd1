import { describe, expect, it } from 'vitest';
import { abbreviatedCount, cellFeatures } from '../../renderer/src/map/controller/cell-sync';
import { RISK_RANK } from '../../renderer/src/map/style/palette';

describe("the cache's clusters as the wall draws them", () => {
  it('abbreviate a count as the map abbreviates its own clusters', () => {
    expect(
      [1, 999, 1_000, 1_049, 1_050, 9_949, 9_950, 10_000, 24_499, 24_500, 1_234_567].map(abbreviatedCount),
    ).toEqual(['1', '999', '1k', '1k', '1.1k', '9.9k', '10k', '10k', '24k', '25k', '1235k']);
  });

  it('colour a cluster by its gravest grade, and say how many are high risk', () => {
    const cell = { lng: 100.2, lat: 25.6, count: 9, high: 0, medium: 0, low: 0 };
    const features = cellFeatures({
      total: 36,
      cells: [
        { ...cell, high: 2, medium: 3, low: 4 },
        { ...cell, medium: 1, low: 4 },
        { ...cell, low: 9 },
        { ...cell, lng: 99.9, lat: 26.1 },
      ],
    }).features;
    expect(features.map((feature) => feature.properties)).toEqual([
      { count: 9, countLabel: '9', highCount: 2, maxRiskRank: RISK_RANK.high },
      { count: 9, countLabel: '9', highCount: 0, maxRiskRank: RISK_RANK.medium },
      { count: 9, countLabel: '9', highCount: 0, maxRiskRank: RISK_RANK.low },
      { count: 9, countLabel: '9', highCount: 0, maxRiskRank: RISK_RANK.ungraded },
    ]);
    expect(features[3]!.geometry.coordinates).toEqual([99.9, 26.1]);
  });
});
