import { describe, expect, it } from 'vitest';
import {
  addNote,
  CADENCES,
  hubEventSchema,
  modeInForce,
  signHandover,
  switchMode,
  type ModeState,
} from '../../src/domain';
import {
  COUNTY,
  GRID,
  incidentIn,
  NEIGHBOURING_COUNTY,
  operatorWith,
  PREFECTURE,
  stamp,
  T0,
} from './fixtures';

const wartimeRequest = { jurisdictionCode: COUNTY, mode: 'wartime', reason: '地震应急响应启动' } as const;

describe('switching between peacetime and wartime', () => {
  it('is refused to an operator', () => {
    const result = switchMode(null, wartimeRequest, { actor: operatorWith('operator'), at: T0 });
    expect(result).toEqual({
      ok: false,
      code: 'role-not-permitted',
      reason: 'role operator may not switch-mode',
    });
  });

  it('is allowed to a commander, recording who, when and why', () => {
    const result = switchMode(null, wartimeRequest, { actor: operatorWith('commander'), at: T0 });
    expect(result).toMatchObject({
      ok: true,
      value: { jurisdictionCode: COUNTY, mode: 'wartime', since: T0, switchedBy: 'commander-1' },
    });
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    expect(hubEventSchema.parse(stamp(result.events[0]!)).payload).toMatchObject({ previous: 'peacetime' });
  });

  it('is refused outside the commander’s jurisdiction', () => {
    const actor = operatorWith('commander', NEIGHBOURING_COUNTY);
    expect(switchMode(null, wartimeRequest, { actor, at: T0 })).toMatchObject({
      ok: false,
      code: 'out-of-scope',
    });
  });

  it('is refused when the jurisdiction is already in that mode', () => {
    const current: ModeState = { ...wartimeRequest, since: T0, switchedBy: 'commander-1' };
    const result = switchMode(current, wartimeRequest, { actor: operatorWith('commander'), at: T0 });
    expect(result).toMatchObject({ ok: false, code: 'precondition-failed' });
  });
});

describe('the mode in force', () => {
  const prefectureAtWar: ModeState = {
    jurisdictionCode: PREFECTURE,
    mode: 'wartime',
    since: T0,
    reason: '全州应急响应',
    switchedBy: 'commander-1',
  };

  it('is peacetime where nobody switched', () => {
    expect(modeInForce([], GRID)).toBe('peacetime');
  });

  it('is wartime below a jurisdiction in wartime, even one that stood down on its own', () => {
    const countyStoodDown: ModeState = { ...prefectureAtWar, jurisdictionCode: COUNTY, mode: 'peacetime' };
    expect(modeInForce([prefectureAtWar, countyStoodDown], GRID)).toBe('wartime');
  });

  it('does not spread wartime sideways or upwards', () => {
    const countyAtWar: ModeState = { ...prefectureAtWar, jurisdictionCode: COUNTY };
    expect(modeInForce([countyAtWar], NEIGHBOURING_COUNTY)).toBe('peacetime');
    expect(modeInForce([countyAtWar], PREFECTURE)).toBe('peacetime');
  });
});

describe('cadences', () => {
  it('are weekly analysis, monthly dispatch, quarterly bulletin and yearly evaluation in peacetime', () => {
    expect(CADENCES.peacetime.map((c) => [c.activity, c.every])).toEqual([
      ['analysis', 'week'],
      ['dispatch', 'month'],
      ['bulletin', 'quarter'],
      ['evaluation', 'year'],
    ]);
  });

  it('are daily assessment, dispatch and bulletin in wartime', () => {
    expect(CADENCES.wartime.map((c) => [c.activity, c.every])).toEqual([
      ['assessment', 'day'],
      ['dispatch', 'day'],
      ['bulletin', 'day'],
    ]);
  });
});

describe('notes', () => {
  it('may be added by an operator in any stage, closed included, without moving the version', () => {
    const closed = incidentIn('closed');
    const result = addNote(
      closed,
      { noteId: 'n-1', text: '当事人来电致谢' },
      { actor: operatorWith('operator'), at: T0 },
    );
    expect(result).toMatchObject({ ok: true, value: { id: 'n-1', incidentId: 'inc-1', by: 'operator-1' } });
    expect(closed.version).toBe(5);
  });

  it('may not be added by a viewer', () => {
    const result = addNote(
      incidentIn('resolve'),
      { noteId: 'n-1', text: '备注' },
      { actor: operatorWith('viewer'), at: T0 },
    );
    expect(result).toMatchObject({ ok: false, code: 'role-not-permitted' });
  });
});

describe('shift handover', () => {
  it('is signed by the outgoing operator to the incoming one', () => {
    const result = signHandover(
      { jurisdictionCode: COUNTY, toOperatorId: 'operator-2', summary: '在办三件，一件超期' },
      { actor: operatorWith('operator'), at: T0 },
    );
    expect(result).toMatchObject({
      ok: true,
      value: { fromOperatorId: 'operator-1', toOperatorId: 'operator-2' },
    });
  });

  it('cannot be signed over to oneself', () => {
    const result = signHandover(
      { jurisdictionCode: COUNTY, toOperatorId: 'operator-1', summary: '在办三件' },
      { actor: operatorWith('operator'), at: T0 },
    );
    expect(result).toMatchObject({ ok: false, code: 'precondition-failed' });
  });
});
