import { describe, expect, it } from 'vitest';
import {
  buildBriefing,
  chinaDayOf,
  distanceMetres,
  outstandingRisks,
  overdueDangerousObjects,
  hubEventSchema,
  inspectionDue,
  isInspectionOverdue,
  operatorCommandSchema,
  projectEvent,
  protectiveRing,
  registerTarget,
  removeTarget,
  sensitivePlacesAround,
  targetEntrySchema,
  targetRegister,
  withheldKinds,
  type DangerousObject,
  type EntityState,
  type Role,
  type SensitivePlace,
  type Target,
  type TargetEntry,
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
  VILLAGE,
} from './fixtures';

const dangerousObject = (overrides: Record<string, unknown> = {}) => ({
  kind: 'dangerous-object',
  id: 'do-1',
  name: '下关化工仓库',
  category: 'hazardous-chemicals',
  jurisdictionCode: GRID,
  location: { lng: 100.23, lat: 25.6 },
  address: '大理市下关镇工业园区1号',
  holder: '大理某某化工有限公司',
  riskLevel: 'high',
  lastInspectedOn: '2025-02-01',
  inspectEveryDays: 30,
  ...overrides,
});

const sensitivePlace = (overrides: Record<string, unknown> = {}) => ({
  kind: 'sensitive-place',
  id: 'sp-1',
  name: '下关第一中学',
  category: 'school',
  jurisdictionCode: VILLAGE,
  location: { lng: 100.24, lat: 25.59 },
  address: '大理市下关镇文化路2号',
  protectiveRadiusM: 500,
  ...overrides,
});

const HUGE = '危'.repeat(1_000_000);

describe('the entry of a dangerous object or a sensitive place', () => {
  it('accepts both kinds, trimming text and defaulting the note', () => {
    const parsed = targetEntrySchema.parse(dangerousObject({ name: '  下关化工仓库 ' }));
    expect(parsed).toMatchObject({ kind: 'dangerous-object', name: '下关化工仓库', note: '' });
    expect(targetEntrySchema.parse(sensitivePlace())).toMatchObject({ protectiveRadiusM: 500 });
  });

  it.each([
    {
      what: 'a NUL in the name',
      entry: dangerousObject({ name: '化工\u0000仓库' }),
      path: 'name',
      message: 'control',
    },
    {
      what: 'a zero-width space',
      entry: sensitivePlace({ name: '下关\u200b一中' }),
      path: 'name',
      message: 'invisible',
    },
    {
      what: 'a direction override',
      entry: dangerousObject({ holder: '某某\u202e公司' }),
      path: 'holder',
      message: 'invisible',
    },
    {
      what: 'a byte-order mark',
      entry: sensitivePlace({ address: '\ufeff文化路2号' }),
      path: 'address',
      message: 'invisible',
    },
    {
      what: 'a line break in the name',
      entry: dangerousObject({ name: '化工\n仓库' }),
      path: 'name',
      message: 'control',
    },
    { what: 'a huge name', entry: dangerousObject({ name: HUGE }), path: 'name', message: 'at most 60' },
    { what: 'a huge note', entry: sensitivePlace({ note: HUGE }), path: 'note', message: 'at most 500' },
    {
      what: 'a name of spaces',
      entry: dangerousObject({ name: '   ' }),
      path: 'name',
      message: 'at least 2',
    },
    {
      what: 'a county',
      entry: sensitivePlace({ jurisdictionCode: COUNTY }),
      path: 'jurisdictionCode',
      message: 'village',
    },
    {
      what: 'a longitude past 180',
      entry: sensitivePlace({ location: { lng: 181, lat: 25 } }),
      path: 'location',
      message: '',
    },
    {
      what: 'a latitude that is not a number',
      entry: dangerousObject({ location: { lng: 100, lat: Number.NaN } }),
      path: 'location',
      message: '',
    },
    {
      what: 'a radius of 10 m',
      entry: sensitivePlace({ protectiveRadiusM: 10 }),
      path: 'protectiveRadiusM',
      message: '',
    },
    {
      what: 'a radius of 50 km',
      entry: sensitivePlace({ protectiveRadiusM: 50_000 }),
      path: 'protectiveRadiusM',
      message: '',
    },
    {
      what: 'a fractional radius',
      entry: sensitivePlace({ protectiveRadiusM: 120.5 }),
      path: 'protectiveRadiusM',
      message: '',
    },
    {
      what: 'no such inspection day',
      entry: dangerousObject({ lastInspectedOn: '2025-02-30' }),
      path: 'lastInspectedOn',
      message: 'no such day',
    },
    {
      what: 'an interval of 0 days',
      entry: dangerousObject({ inspectEveryDays: 0 }),
      path: 'inspectEveryDays',
      message: '',
    },
    {
      what: 'an unknown risk',
      entry: dangerousObject({ riskLevel: 'extreme' }),
      path: 'riskLevel',
      message: '',
    },
    {
      what: 'a school as a dangerous object',
      entry: dangerousObject({ category: 'school' }),
      path: 'category',
      message: '',
    },
    {
      what: 'a dangerous object with no holder',
      entry: dangerousObject({ holder: undefined }),
      path: 'holder',
      message: '',
    },
    {
      what: 'an id with a slash',
      entry: sensitivePlace({ id: '../sp' }),
      path: 'id',
      message: 'letters, digits',
    },
  ])('refuses $what at $path', ({ entry, path, message }) => {
    const result = targetEntrySchema.safeParse(entry);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({
        path: expect.arrayContaining([path]),
        message: expect.stringContaining(message),
      }),
    );
  });

  it('refuses an unknown kind', () => {
    expect(targetEntrySchema.safeParse({ ...sensitivePlace(), kind: 'key-person' }).success).toBe(false);
  });

  it('travels in the register and removal commands', () => {
    const register = { type: 'registerTarget', commandId: crypto.randomUUID(), target: sensitivePlace() };
    expect(operatorCommandSchema.parse(register)).toMatchObject({ target: { id: 'sp-1' } });
    const remove = {
      type: 'removeTarget',
      commandId: crypto.randomUUID(),
      targetKind: 'sensitive-place',
      targetId: 'sp-1',
      reason: '学校已搬迁',
    };
    expect(operatorCommandSchema.parse(remove)).toMatchObject({ targetId: 'sp-1' });
    expect(operatorCommandSchema.safeParse({ ...remove, targetKind: 'key-person' }).success).toBe(false);
  });
});

function registered(entry: Record<string, unknown>, at = T0): Target {
  const result = registerTarget(null, targetEntrySchema.parse(entry) as TargetEntry, {
    actor: operatorWith('commander', PREFECTURE),
    at,
  });
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('registering and removing a target', () => {
  it.each<{ role: Role; jurisdiction: string; code: string | null }>([
    { role: 'commander', jurisdiction: COUNTY, code: null },
    { role: 'sysadmin', jurisdiction: COUNTY, code: 'role-not-permitted' },
    { role: 'wall', jurisdiction: COUNTY, code: 'role-not-permitted' },
    { role: 'operator', jurisdiction: COUNTY, code: 'role-not-permitted' },
    { role: 'viewer', jurisdiction: COUNTY, code: 'role-not-permitted' },
    { role: 'commander', jurisdiction: NEIGHBOURING_COUNTY, code: 'out-of-scope' },
  ])('a $role of $jurisdiction: $code', ({ role, jurisdiction, code }) => {
    const result = registerTarget(null, targetEntrySchema.parse(sensitivePlace()), {
      actor: operatorWith(role, jurisdiction),
      at: T0,
    });
    if (code === null) {
      expect(result).toMatchObject({ ok: true, value: { registeredBy: `${role}-1`, removal: null } });
      if (result.ok) expect(() => hubEventSchema.parse(stamp(result.events[0]!))).not.toThrow();
    } else expect(result).toMatchObject({ ok: false, code });
  });

  it('refuses to move an entry out of a jurisdiction the commander does not run', () => {
    const elsewhere = registered(sensitivePlace({ jurisdictionCode: '532922101201' }));
    const result = registerTarget(elsewhere, targetEntrySchema.parse(sensitivePlace()), {
      actor: operatorWith('commander', COUNTY),
      at: T0,
    });
    expect(result).toMatchObject({ ok: false, code: 'out-of-scope' });
  });

  it('refuses a last inspection after the day of registering', () => {
    const result = registerTarget(
      null,
      targetEntrySchema.parse(dangerousObject({ lastInspectedOn: '2025-03-02' })),
      {
        actor: operatorWith('commander'),
        at: T0,
      },
    );
    expect(result).toMatchObject({ ok: false, code: 'precondition-failed' });
  });

  it('marks a removal, refuses a second one, and projects both as the entity of its kind', () => {
    const place = registered(sensitivePlace());
    const removed = removeTarget(
      place,
      { reason: '学校已搬迁' },
      { actor: operatorWith('commander'), at: T0 },
    );
    expect(removed).toMatchObject({
      ok: true,
      value: { removal: { by: 'commander-1', reason: '学校已搬迁' } },
    });
    if (!removed.ok) return;
    expect(
      removeTarget(removed.value, { reason: '再次移除' }, { actor: operatorWith('commander'), at: T0 }),
    ).toMatchObject({
      ok: false,
      code: 'precondition-failed',
    });
    const state = new Map<string, EntityState>();
    for (const draft of removed.events)
      for (const change of projectEvent(stamp(draft), (kind, id) => state.get(`${kind}/${id}`)))
        state.set(`${change.kind}/${change.id}`, change);
    expect(state.get('sensitive-place/sp-1')).toMatchObject({
      jurisdiction: VILLAGE,
      doc: { removal: { reason: '学校已搬迁' } },
    });
    expect(
      removeTarget(place, { reason: '无权移除' }, { actor: operatorWith('operator'), at: T0 }),
    ).toMatchObject({ ok: false, code: 'role-not-permitted' });
  });

  it('withholds neither register from any role: they hold no personal data', () => {
    for (const role of ['viewer', 'operator'] as const) {
      expect(withheldKinds(role)).not.toContain('dangerous-object');
      expect(withheldKinds(role)).not.toContain('sensitive-place');
    }
  });
});

describe('inspections, radii and the register', () => {
  const object = registered(dangerousObject()) as DangerousObject;
  const place = registered(sensitivePlace()) as SensitivePlace;

  it('is due the interval after the last inspection, and overdue the China day after', () => {
    expect(inspectionDue(object)).toBe('2025-03-03');
    // 2025-03-03 23:59 China time: due that day, not yet overdue.
    expect(isInspectionOverdue(object, Date.parse('2025-03-03T15:59:00Z'))).toBe(false);
    expect(isInspectionOverdue(object, Date.parse('2025-03-03T16:00:00Z'))).toBe(true);
  });

  it('finds an incident inside a radius and not one outside it', () => {
    const inside = { lng: 100.24, lat: 25.593 }; // ~330 m north
    const outside = { lng: 100.24, lat: 25.596 }; // ~670 m north
    expect(distanceMetres(place.location, inside)).toBeCloseTo(333.6, 0);
    expect(sensitivePlacesAround([place], inside)).toEqual([place]);
    expect(sensitivePlacesAround([place], outside)).toEqual([]);
  });

  it('draws the ring of the radius at the radius', () => {
    const ring = protectiveRing(place);
    expect(ring[0]).toEqual(ring.at(-1));
    for (const [lng, lat] of ring) expect(distanceMetres(place.location, { lng, lat })).toBeCloseTo(500, 3);
  });

  it('lists what is in scope and not removed, riskiest dangerous objects first', () => {
    const low = registered(dangerousObject({ id: 'do-2', riskLevel: 'low', name: '加油站储罐' }));
    const outside = registered(sensitivePlace({ id: 'sp-2', jurisdictionCode: '532922101201' }));
    const gone = {
      ...(registered(sensitivePlace({ id: 'sp-3' })) as SensitivePlace),
      removal: { by: 'x', at: T0, reason: '已搬迁' },
    };
    const register = targetRegister([low, outside, gone, place, object], COUNTY);
    expect(register.dangerousObjects.map((entry) => entry.id)).toEqual(['do-1', 'do-2']);
    expect(register.sensitivePlaces.map((entry) => entry.id)).toEqual(['sp-1']);
  });
});

describe('the registers in the risk list and the briefing', () => {
  // The fixture incident lies at 100.23, 25.6: the store itself, and 1.5 km from the school.
  const school = registered(sensitivePlace({ location: { lng: 100.23, lat: 25.601 } })) as SensitivePlace;
  const far = registered(
    sensitivePlace({ id: 'sp-far', location: { lng: 100.3, lat: 25.7 } }),
  ) as SensitivePlace;
  const store = registered(dangerousObject()) as DangerousObject;
  const now = Date.parse('2025-03-10T04:00:00Z');

  it('puts a medium risk near a sensitive place on the list, naming the place, and leaves it off when none is near', () => {
    const incident = { ...incidentIn('resolve'), riskLevel: 'medium' as const, reopenCount: 0 };
    const open = [{ incident, deadline: null }];
    expect(outstandingRisks(open, now)).toEqual([]);
    expect(outstandingRisks(open, now, [far])).toEqual([]);
    expect(outstandingRisks(open, now, [far, school])).toMatchObject([
      { incidentId: incident.id, reasons: ['near-sensitive-place'], sensitivePlaceIds: ['sp-1'] },
    ]);
  });

  it('lists the dangerous objects past their inspection, and not those taken off', () => {
    expect(overdueDangerousObjects([store], Date.parse('2025-03-03T12:00:00Z'))).toEqual([]);
    expect(overdueDangerousObjects([store], now)).toMatchObject([
      { id: 'do-1', holder: '大理某某化工有限公司', inspectionDue: '2025-03-03' },
    ]);
    const removed = { ...store, removal: { by: 'x', at: T0, reason: '已停业' } };
    expect(overdueDangerousObjects([removed], now)).toEqual([]);
  });

  it('briefs the registers as they stood at the end of the day: counts, overdue inspections, incidents near places', () => {
    const incident = { ...incidentIn('resolve'), riskLevel: 'high' as const };
    const events = [
      stamp({ type: 'target.registered', jurisdiction: VILLAGE, at: T0, payload: { target: school } }),
      stamp({ type: 'target.registered', jurisdiction: GRID, at: T0, payload: { target: store } }),
      stamp({
        type: 'incident.reported',
        jurisdiction: incident.jurisdictionCode,
        at: T0,
        payload: { incident, by: null },
      }),
      stamp({
        type: 'target.removed',
        jurisdiction: VILLAGE,
        at: '2025-03-12T00:00:00.000Z',
        payload: {
          target: {
            ...school,
            removal: { by: 'commander-1', at: '2025-03-12T00:00:00.000Z', reason: '学校已搬迁' },
          },
        },
      }),
    ];
    const day = chinaDayOf(now);
    const briefing = buildBriefing({ events, scope: COUNTY, day, now: Date.parse('2025-03-20T00:00:00Z') });
    expect(briefing.targets).toMatchObject({
      dangerousObjects: 1,
      sensitivePlaces: 1,
      overdueInspections: [{ id: 'do-1', inspectionDue: '2025-03-03' }],
      nearSensitivePlaces: [{ incidentId: incident.id, placeName: '下关第一中学' }],
    });
    // After the school was taken off the register, the day's briefing no longer counts it.
    const later = buildBriefing({
      events,
      scope: COUNTY,
      day: '2025-03-13',
      now: Date.parse('2025-03-20T00:00:00Z'),
    });
    expect(later.targets).toMatchObject({ sensitivePlaces: 0, nearSensitivePlaces: [] });
  });
});
