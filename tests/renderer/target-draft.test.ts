import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf, emptyDraft, type Draft } from '../../renderer/src/targets/target-draft';

const VILLAGE = '532901003001';

function filledPlace(change: Partial<Draft> = {}): Draft {
  return {
    ...emptyDraft('sensitive-place'),
    name: '下关第一中学',
    jurisdictionCode: VILLAGE,
    address: '文化路2号',
    lng: '100.23',
    lat: '25.6',
    ...change,
  };
}

describe('the target form’s draft', () => {
  it('makes the entry the hub checks, numbers read from the text typed', () => {
    const checked = checkDraft(filledPlace({ protectiveRadiusM: '600' }));
    expect(checked.ok && checked.entry).toMatchObject({
      kind: 'sensitive-place',
      jurisdictionCode: VILLAGE,
      location: { lng: 100.23, lat: 25.6 },
      protectiveRadiusM: 600,
    });
  });

  it('names each field that is wrong, an empty place as a missing location, and nothing else', () => {
    const checked = checkDraft(filledPlace({ name: '', lng: '', protectiveRadiusM: '20000' }));
    expect(checked.ok).toBe(false);
    expect(!checked.ok && [...checked.problems].sort()).toEqual(['location', 'name', 'protectiveRadiusM']);
  });

  it('says a problem with a field the form does not show as one problem of the whole', () => {
    const checked = checkDraft(filledPlace({ category: 'not-a-category' }));
    expect(!checked.ok && [...checked.problems]).toEqual(['other']);
  });

  it('gives back an entry under edit as it was, keeping its id', () => {
    const first = checkDraft({
      ...emptyDraft('dangerous-object'),
      name: '液化气站',
      jurisdictionCode: VILLAGE,
      address: '下关镇3号',
      lng: '100.2',
      lat: '25.5',
      holder: '大理燃气公司',
      riskLevel: 'high',
      inspectEveryDays: '14',
    });
    if (!first.ok) throw new Error(`a complete draft was refused: ${[...first.problems].join(', ')}`);
    expect(checkDraft(draftOf(first.entry))).toEqual({ ok: true, entry: first.entry });
  });
});
