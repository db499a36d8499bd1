import { describe, expect, it } from 'vitest';
import {
  addNote,
  CADENCES,
  hubEventSchema,
  modeInForce,
  acceptHandover,
  submitHandover,
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
      words: { code: 'roleLacksPermission', params: { role: 'operator', permission: 'switch-mode' } },
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
  const shift = { start: '2026-03-10T00:00:00.000Z', end: '2026-03-10T12:00:00.000Z' };
  const afterShift = '2026-03-10T12:05:00.000Z';
  const submitted = submitHandover(
    { handoverId: 'h-1', jurisdictionCode: COUNTY, shift, notes: '在办三件，一件超期' },
    { actor: operatorWith('operator'), at: afterShift },
  );
  const handover = submitted.ok ? submitted.value : null;
  const incoming = { ...operatorWith('operator'), id: 'operator-2' };

  it('is handed in by the outgoing operator with their notes, not yet taken over', () => {
    expect(submitted).toMatchObject({
      ok: true,
      value: { id: 'h-1', submittedBy: 'operator-1', submittedAt: afterShift, acceptance: null },
      events: [{ type: 'handover.submitted', jurisdiction: COUNTY }],
    });
  });

  it('is signed off by the incoming operator, who is recorded with the time', () => {
    const result = acceptHandover(handover!, { note: '已接收' }, { actor: incoming, at: afterShift });
    expect(result).toMatchObject({
      ok: true,
      value: { id: 'h-1', acceptance: { by: 'operator-2', at: afterShift, note: '已接收' } },
      events: [{ type: 'handover.accepted' }],
    });
    if (result.ok) expect(hubEventSchema.safeParse(stamp(result.events[0]!)).success).toBe(true);
  });

  it.each([
    {
      what: 'a shift that has not started',
      result: () =>
        submitHandover(
          { handoverId: 'h-2', jurisdictionCode: COUNTY, shift, notes: '无' },
          { actor: operatorWith('operator'), at: '2026-03-09T23:00:00.000Z' },
        ),
      code: 'precondition-failed',
    },
    {
      what: 'a viewer handing in a shift',
      result: () =>
        submitHandover(
          { handoverId: 'h-2', jurisdictionCode: COUNTY, shift, notes: '无' },
          { actor: operatorWith('viewer'), at: afterShift },
        ),
      code: 'role-not-permitted',
    },
    {
      what: 'a shift of a jurisdiction outside the scope',
      result: () =>
        submitHandover(
          { handoverId: 'h-2', jurisdictionCode: NEIGHBOURING_COUNTY, shift, notes: '无' },
          { actor: operatorWith('operator'), at: afterShift },
        ),
      code: 'out-of-scope',
    },
    {
      what: "taking over one's own shift",
      result: () =>
        acceptHandover(handover!, { note: '' }, { actor: operatorWith('operator'), at: afterShift }),
      code: 'precondition-failed',
    },
    {
      what: 'signing off a shift twice',
      result: () => {
        const once = acceptHandover(handover!, { note: '' }, { actor: incoming, at: afterShift });
        if (!once.ok) throw new Error(once.reason);
        return acceptHandover(
          once.value,
          { note: '' },
          { actor: { ...incoming, id: 'operator-3' }, at: afterShift },
        );
      },
      code: 'precondition-failed',
    },
  ])('refuses $what', ({ result, code }) => {
    expect(result()).toMatchObject({ ok: false, code });
  });
});
