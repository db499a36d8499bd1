import { describe, expect, it } from 'vitest';
import type { JurisdictionLevel, MemberUnit } from '../../../src/domain';
import type { BoundaryCollection } from '../../../src/regions/store';
import { NamesDirectory } from '../../../src/core/services/names-directory';

const PLACES: Record<JurisdictionLevel, [string, string][]> = {
  prefecture: [['5329', '大理白族自治州']],
  county: [['532922', '漾濞彝族自治县']],
  township: [['532922100', '苍山西镇']],
  village: [['532922100001', '光明村']],
  grid: [['53292210000101', '光明村第一网格']],
};

function boundaries(level: JurisdictionLevel): BoundaryCollection {
  return {
    type: 'FeatureCollection',
    features: PLACES[level].map(([code, name]) => ({
      type: 'Feature',
      properties: { code, name, level, parentCode: null },
      geometry: { type: 'Polygon', coordinates: [] },
    })),
  };
}

const UNITS = [{ id: 'unit-police', name: '县公安局' }] as MemberUnit[];
const ACCOUNTS: Record<string, string> = { 'acc-li': '值班员 李明' };

const directory = new NamesDirectory({
  boundaries,
  accountName: (accountId) => ACCOUNTS[accountId],
  memberUnits: () => UNITS,
});

describe('the names directory', () => {
  it('names places from the prefecture down to the village, grids and unknown codes left out', () => {
    expect(directory.places(['5329', '532922100001', '53292210000101', '532999'])).toEqual({
      '5329': '大理白族自治州',
      '532922100001': '光明村',
    });
  });

  it('names grids when asked for them, and only the levels asked for', () => {
    expect(directory.places(['5329', '53292210000101'], ['grid'])).toEqual({
      '53292210000101': '光明村第一网格',
    });
  });

  it('names a centre by its jurisdiction, with the stand-in given for a place it cannot name', () => {
    expect(directory.centre('532922', '')).toBe('漾濞彝族自治县综治中心');
    expect(directory.centre('532999', '')).toBe('综治中心');
    expect(directory.centre('532999', '532999')).toBe('532999综治中心');
  });

  it('names member units, one the cache does not know by its id', () => {
    const names: Record<string, string> = {};
    directory.addUnits(names, ['unit-police', 'unit-gone', 'unit-police']);
    expect(names).toEqual({ 'unit-police': '县公安局', 'unit-gone': 'unit-gone' });
    expect(directory.units().get('unit-police')?.name).toBe('县公安局');
  });

  it('names the operators the hub has named, and leaves the others out', () => {
    expect(directory.accounts(['acc-li', 'acc-unknown'])).toEqual({ 'acc-li': '值班员 李明' });
    expect(directory.account('acc-unknown')).toBeUndefined();
    const names = { '532922': '漾濞彝族自治县' };
    directory.addAccounts(names, new Set(['acc-li']));
    expect(names).toEqual({ '532922': '漾濞彝族自治县', 'acc-li': '值班员 李明' });
  });
});
