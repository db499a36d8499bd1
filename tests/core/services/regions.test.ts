import { describe, expect, it } from 'vitest';
import { Regions } from '../../../src/core/services/regions';

describe('the regions service', () => {
  const regions = new Regions('dali');

  it('gives the overview of the region and its root', () => {
    expect(regions.rootCode).toBe(regions.overview.manifest.rootCode);
    expect(regions.overview.counties.length).toBeGreaterThan(0);
    for (const county of regions.overview.counties)
      expect(county.code.startsWith(regions.rootCode)).toBe(true);
  });

  it('reads each level once and keeps it', () => {
    const townships = regions.boundaries('township');
    expect(townships.features.length).toBeGreaterThan(0);
    expect(regions.boundaries('township')).toBe(townships);
  });

  it('gives the boundaries within a scope only', () => {
    const county = regions.overview.counties[0]!.code;
    const all = regions.boundaries('township').features;
    const within = regions.boundariesWithin('township', county).features;
    expect(within.length).toBeGreaterThan(0);
    expect(within.length).toBeLessThan(all.length);
    for (const feature of within) expect(feature.properties.code.startsWith(county)).toBe(true);
  });
});
