import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_COLUMNS,
  hubEventSchema,
  keyPersonEntrySchema,
  keyPersonList,
  keyPersonRow,
  maskIdNumber,
  maskName,
  maskPhone,
  operatorCommandSchema,
  projectEvent,
  recordExport,
  registerKeyPerson,
  removeKeyPerson,
  residentIdSchema,
  withheldEventTypes,
  withheldKinds,
  type EntityState,
  type KeyPerson,
  type KeyPersonEntry,
  type Role,
} from '../../src/domain';
import { COUNTY, GRID, NEIGHBOURING_COUNTY, operatorWith, PREFECTURE, stamp, T0, VILLAGE } from './fixtures';

/** Valid check characters: the GB 11643-1999 example, and two Dali numbers. */
const STANDARD_EXAMPLE = '11010519491231002X';
const ID_NUMBER = '532901199001091234';
const ID_NUMBER_ENDING_IN_X = '53290119850305456X';

const entry = (overrides: Partial<KeyPersonEntry> = {}): KeyPersonEntry =>
  keyPersonEntrySchema.parse({
    id: 'kp-1',
    name: '张三丰',
    idNumber: ID_NUMBER,
    category: 'community-correction',
    jurisdictionCode: GRID,
    phone: '13800000000',
    reason: '社区矫正期间，需定期报到',
    measures: '每周电话报到，每月走访一次',
    responsible: '李某某',
    ...overrides,
  });

const commander = { actor: operatorWith('commander'), at: T0 };

/** A person as listed by the prefecture's commander, so that it may lie in any county. */
function registered(overrides: Partial<KeyPersonEntry> = {}): KeyPerson {
  const result = registerKeyPerson(
    null,
    entry(overrides),
    { actor: operatorWith('commander', PREFECTURE), at: T0 },
    [],
  );
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('a resident ID number (GB 11643-1999)', () => {
  it.each([STANDARD_EXAMPLE, ID_NUMBER, ID_NUMBER_ENDING_IN_X])('accepts %s', (idNumber) => {
    expect(residentIdSchema.parse(idNumber)).toBe(idNumber);
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    expect(residentIdSchema.parse(' 53290119850305456x ')).toBe(ID_NUMBER_ENDING_IN_X);
  });

  it.each([
    { what: 'too short', input: '53290119900109123', message: '18 characters, this one has 17' },
    { what: 'too long', input: '5329011990010912345', message: '18 characters, this one has 19' },
    { what: 'a letter inside', input: '53290119900A091234', message: 'first 17 characters' },
    { what: 'a letter at the end other than X', input: '53290119900109123Y', message: 'a digit or X' },
    { what: 'a month 13', input: '532901199013091234', message: '19901309 is not one' },
    { what: 'a 30 February', input: '532901199002301234', message: '19900230 is not one' },
    { what: 'a wrong check digit', input: '532901199001091235', message: 'should be 4, not 5' },
    { what: 'two digits swapped', input: '532901199001019234', message: 'a digit was mistyped' },
  ])('refuses one $what, saying so', ({ input, message }) => {
    const result = residentIdSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

describe('masking for screens others can read', () => {
  it.each([
    ['张三丰', '张*丰'],
    ['李四', '李*'],
    ['欧阳小芳', '欧**芳'],
    ['王', '*'],
    ['𠮷野家', '𠮷*家'],
  ])('shows the name %s as %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  it('keeps the first six and last four characters of an ID number', () => {
    expect(maskIdNumber(ID_NUMBER)).toBe('532901********1234');
    expect(maskIdNumber(ID_NUMBER_ENDING_IN_X)).toBe('532901********456X');
  });

  it.each([
    ['13800000000', '138****0000'],
    ['0872-2123456', '087*****3456'],
  ])('shows the phone %s as %s', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  it('masks a row’s ID number and phone always, its name for a screen others read, and nothing else', () => {
    const person = registered();
    expect(keyPersonRow(person, true)).toMatchObject({
      name: '张*丰',
      idNumber: '532901********1234',
      phone: '138****0000',
      responsible: '李某某',
      reason: person.reason,
    });
    expect(keyPersonRow(person, false)).toMatchObject({
      name: '张三丰',
      idNumber: '532901********1234',
      phone: '138****0000',
    });
    expect(keyPersonRow(registered({ phone: null }), true).phone).toBeNull();
  });
});

describe('the key-person entry', () => {
  it.each([
    {
      what: 'a county',
      overrides: { jurisdictionCode: COUNTY },
      path: 'jurisdictionCode',
      message: 'village',
    },
    { what: 'a one-character name', overrides: { name: '张' }, path: 'name', message: 'two characters' },
    { what: 'a short reason', overrides: { reason: '重点' }, path: 'reason', message: '' },
    { what: 'no measures', overrides: { measures: '' }, path: 'measures', message: 'at least 4' },
    { what: 'a bad phone', overrides: { phone: '12345' }, path: 'phone', message: 'phone number' },
    { what: 'an unknown category', overrides: { category: 'suspect' }, path: 'category', message: '' },
  ])('refuses $what at $path', ({ overrides, path, message }) => {
    const result = keyPersonEntrySchema.safeParse({ ...entry(), ...overrides });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toContainEqual(
      expect.objectContaining({ path: [path], message: expect.stringContaining(message) }),
    );
  });

  it('is what a registerKeyPerson command carries, and a bad ID number fails the command with its reason', () => {
    const command = { type: 'registerKeyPerson', commandId: '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e' };
    expect(operatorCommandSchema.safeParse({ ...command, person: entry() }).success).toBe(true);
    const bad = operatorCommandSchema.safeParse({
      ...command,
      person: { ...entry(), idNumber: '532901199001091235' },
    });
    expect(bad.error?.issues).toContainEqual(
      expect.objectContaining({
        path: ['person', 'idNumber'],
        message: expect.stringContaining('should be 4'),
      }),
    );
  });
});

describe('registering a key person', () => {
  it('is allowed to a commander, who is recorded with the time', () => {
    const result = registerKeyPerson(null, entry(), commander, []);
    expect(result).toMatchObject({
      ok: true,
      value: { id: 'kp-1', registeredBy: 'commander-1', registeredAt: T0, removal: null },
    });
    if (!result.ok) return;
    expect(result.events).toHaveLength(1);
    const event = hubEventSchema.parse(stamp(result.events[0]!));
    expect(event).toMatchObject({ type: 'key-person.registered', jurisdiction: GRID });
  });

  it.each(['viewer', 'operator'] as const)('is refused to a %s', (role) => {
    expect(registerKeyPerson(null, entry(), { actor: operatorWith(role), at: T0 }, [])).toEqual({
      ok: false,
      code: 'role-not-permitted',
      reason: `role ${role} may not manage-key-persons`,
      words: { code: 'roleLacksPermission', params: { role, permission: 'manage-key-persons' } },
    });
  });

  it('is refused outside the commander’s jurisdiction', () => {
    const actor = operatorWith('commander', NEIGHBOURING_COUNTY);
    expect(registerKeyPerson(null, entry(), { actor, at: T0 }, [])).toMatchObject({ code: 'out-of-scope' });
  });

  it('cannot take over an entry listed outside the commander’s jurisdiction', () => {
    const elsewhere = registerKeyPerson(
      null,
      entry({ jurisdictionCode: `${NEIGHBOURING_COUNTY}101001` }),
      {
        actor: operatorWith('commander', NEIGHBOURING_COUNTY),
        at: T0,
      },
      [],
    );
    if (!elsewhere.ok) throw new Error(elsewhere.reason);
    expect(registerKeyPerson(elsewhere.value, entry(), commander, [])).toMatchObject({
      code: 'out-of-scope',
    });
  });

  it('links only incidents that exist in the commander’s jurisdiction', () => {
    const linked = entry({ linkedIncidentIds: ['inc-1', 'inc-2', 'inc-3'] });
    const found = [
      { id: 'inc-1', jurisdiction: VILLAGE },
      { id: 'inc-2', jurisdiction: `${NEIGHBOURING_COUNTY}101001` },
    ];
    expect(registerKeyPerson(null, linked, commander, found)).toEqual({
      ok: false,
      code: 'precondition-failed',
      reason: `there is no incident inc-2, inc-3 in ${COUNTY} to link the person to`,
      words: { code: 'unknownLinkedIncidents', params: { incidents: 'inc-2、inc-3' } },
    });
    expect(registerKeyPerson(null, entry({ linkedIncidentIds: ['inc-1'] }), commander, found).ok).toBe(true);
  });
});

describe('taking a key person off the list', () => {
  it('marks the entry with who, when and why, and refuses to do it twice', () => {
    const result = removeKeyPerson(registered(), { reason: '矫正期满解除' }, commander);
    expect(result).toMatchObject({
      ok: true,
      value: { removal: { by: 'commander-1', at: T0, reason: '矫正期满解除' } },
    });
    if (!result.ok) return;
    expect(hubEventSchema.parse(stamp(result.events[0]!)).type).toBe('key-person.removed');
    expect(removeKeyPerson(result.value, { reason: '矫正期满解除' }, commander)).toMatchObject({
      code: 'precondition-failed',
    });
  });

  it('is refused to an operator', () => {
    const actor = operatorWith('operator');
    expect(removeKeyPerson(registered(), { reason: '矫正期满解除' }, { actor, at: T0 })).toMatchObject({
      code: 'role-not-permitted',
    });
  });

  it('keeps the record in the projection, marked, one version on', () => {
    const states = new Map<string, EntityState>();
    const apply = (draft: Parameters<typeof stamp>[0]) => {
      for (const change of projectEvent(stamp(draft), (kind, id) => states.get(`${kind}/${id}`)))
        states.set(`${change.kind}/${change.id}`, change);
    };
    const listed = registerKeyPerson(null, entry(), commander, []);
    if (!listed.ok) throw new Error(listed.reason);
    apply(listed.events[0]!);
    const removed = removeKeyPerson(listed.value, { reason: '已迁出本辖区' }, commander);
    if (!removed.ok) throw new Error(removed.reason);
    apply(removed.events[0]!);
    expect(states.get('key-person/kp-1')).toMatchObject({
      kind: 'key-person',
      jurisdiction: GRID,
      version: 2,
      doc: { removal: { reason: '已迁出本辖区' } },
    });
  });
});

describe('the key-person list', () => {
  it('holds those listed in scope and not taken off, by village, then category, then the longest listed', () => {
    const otherVillage = `${COUNTY}001002`;
    const later = '2025-03-02T00:00:00.000Z';
    const persons = [
      registered({ id: 'youth', category: 'key-youth', jurisdictionCode: VILLAGE }),
      { ...registered({ id: 'newer', category: 'community-correction' }), registeredAt: later },
      registered({ id: 'older', category: 'community-correction' }),
      registered({ id: 'next-village', category: 'community-correction', jurisdictionCode: otherVillage }),
      registered({ id: 'elsewhere', jurisdictionCode: `${NEIGHBOURING_COUNTY}101001` }),
      { ...registered({ id: 'removed' }), removal: { by: 'commander-1', at: T0, reason: '矫正期满解除' } },
    ];
    expect(keyPersonList(persons, COUNTY).map((person) => person.id)).toEqual([
      'older',
      'newer',
      'youth',
      'next-village',
    ]);
  });
});

describe('an audited export', () => {
  const request = {
    document: 'key-person-list',
    scope: COUNTY,
    format: 'csv',
    count: 4,
    exportedAt: T0,
  } as const;

  it('is accepted from a commander with no event: the audit log is all there is of it, columns and all', () => {
    expect(recordExport(request, commander)).toEqual({
      ok: true,
      value: { ...request, columns: [...DOCUMENT_COLUMNS['key-person-list']], by: 'commander-1' },
      events: [],
    });
  });

  it.each([
    { who: 'an operator', actor: operatorWith('operator'), code: 'role-not-permitted' },
    {
      who: 'a commander elsewhere',
      actor: operatorWith('commander', NEIGHBOURING_COUNTY),
      code: 'out-of-scope',
    },
  ])('is refused to $who', ({ actor, code }) => {
    expect(recordExport(request, { actor, at: T0 })).toMatchObject({ ok: false, code });
  });
});

describe('what each role may see', () => {
  it.each([
    ['viewer', ['key-person.registered', 'key-person.removed'], ['key-person']],
    ['operator', ['key-person.registered', 'key-person.removed'], ['key-person']],
    ['commander', [], []],
    ['wall', ['key-person.registered', 'key-person.removed'], ['key-person']],
    ['sysadmin', ['key-person.registered', 'key-person.removed'], ['key-person']],
    ['auditadmin', ['key-person.registered', 'key-person.removed'], ['key-person']],
    ['someone-new', ['key-person.registered', 'key-person.removed'], ['key-person']],
  ] as [Role, string[], string[]][])('withholds from a %s the key persons or not', (role, types, kinds) => {
    expect(withheldEventTypes(role)).toEqual(types);
    expect(withheldKinds(role)).toEqual(kinds);
  });
});
