import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  DEFAULT_SLA,
  EVENT_TYPES,
  forceSchema,
  handoverSchema,
  hubEventSchema,
  incidentSchema,
  memberUnitSchema,
  modeStateSchema,
  monitoringPointSchema,
  operatorCommandSchema,
  operatorSchema,
  orderSchema,
  slaConfigSchema,
  slaTableSchema,
} from '../../src/domain';
import { COUNTY, GRID, incidentIn, T0 } from './fixtures';

const COMMAND_ID = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

const incident = incidentIn('resolve');
const camera = {
  id: 'cam-17',
  name: '古城南门',
  kind: 'camera',
  cameraClass: 1,
  jurisdictionCode: GRID,
  location: [100.16, 25.69],
  status: 'online',
  statusAt: T0,
};
const checkpoint = { ...camera, id: 'chk-2', kind: 'vehicle-checkpoint', cameraClass: null };
const force = {
  id: 'f-1',
  kind: 'volunteer',
  name: '红袖标巡逻一组',
  jurisdictionCode: GRID,
  members: 12,
  position: { lng: 100.2, lat: 25.6, at: T0 },
};
const event = {
  seq: 1,
  id: '00000000-0000-4000-8000-000000000001',
  type: 'incident.assessed',
  jurisdiction: GRID,
  at: T0,
  payload: { incident, by: 'operator-1', riskLevel: 'medium' },
};
const assignCommand = {
  type: 'assign',
  commandId: COMMAND_ID,
  incidentId: 'inc-1',
  baseVersion: 5,
  unitIds: ['unit-police'],
  deadline: '2025-03-04T00:00:00Z',
};
const switchCommand = {
  type: 'switchMode',
  commandId: COMMAND_ID,
  jurisdictionCode: COUNTY,
  mode: 'wartime',
  reason: '地震应急响应启动',
};
const order = {
  id: 'inc-1/unit-police',
  incidentId: 'inc-1',
  unitId: 'unit-police',
  issuedAt: T0,
  acknowledgeBy: '2025-03-01T00:30:00Z',
  deadline: '2025-03-02T00:00:00Z',
  issuedBy: 'operator-1',
  acknowledgement: null,
};
const operator = { id: 'op-1', name: '值班员', role: 'operator', jurisdictionCode: COUNTY };
const unit = { id: 'unit-justice', name: '大理市司法局', kind: 'justice-bureau', jurisdictionCode: COUNTY };
const modeState = {
  jurisdictionCode: COUNTY,
  mode: 'wartime',
  since: T0,
  reason: '地震应急响应启动',
  switchedBy: 'cmd-1',
};
const handover = {
  id: 'h-1',
  jurisdictionCode: '532901',
  shift: { start: '2026-03-10T00:00:00.000Z', end: '2026-03-10T12:00:00.000Z' },
  notes: '在办事项三件',
  submittedBy: 'op-1',
  submittedAt: '2026-03-10T12:01:00.000Z',
  acceptance: null,
};

interface BadInput {
  what: string;
  schema: z.ZodType;
  input: unknown;
  path: string;
  message: string;
}

const BAD_INPUTS: BadInput[] = [
  {
    what: 'an incident filed against a whole county',
    schema: incidentSchema,
    input: { ...incident, jurisdictionCode: COUNTY },
    path: 'jurisdictionCode',
    message: 'village (12 digits) or a grid (15 digits)',
  },
  {
    what: 'a jurisdiction code with letters',
    schema: incidentSchema,
    input: { ...incident, jurisdictionCode: '5329010010010A1' },
    path: 'jurisdictionCode',
    message: 'digits only',
  },
  {
    what: 'a jurisdiction code of 7 digits',
    schema: operatorSchema,
    input: { ...operator, jurisdictionCode: '5329011' },
    path: 'jurisdictionCode',
    message: '4, 6, 9, 12 or 15 digits',
  },
  {
    what: 'a longitude past 180',
    schema: incidentSchema,
    input: { ...incident, location: [180.5, 25.6] },
    path: 'location.0',
    message: '<=180',
  },
  {
    what: 'a latitude below -90',
    schema: incidentSchema,
    input: { ...incident, location: [100.2, -91] },
    path: 'location.1',
    message: '>=-90',
  },
  {
    what: 'a camera alarm that does not name its camera',
    schema: incidentSchema,
    input: { ...incident, source: 'camera-alarm', monitoringPointId: null },
    path: 'monitoringPointId',
    message: 'a camera alarm names its monitoring point',
  },
  {
    what: 'an assigned incident with no risk level',
    schema: incidentSchema,
    input: { ...incident, riskLevel: null },
    path: 'riskLevel',
    message: 'carries a risk level',
  },
  {
    what: 'an acknowledgement from a unit never assigned',
    schema: incidentSchema,
    input: { ...incident, acknowledgedUnitIds: ['unit-court'] },
    path: 'acknowledgedUnitIds',
    message: 'unit-court acknowledged an order it was never assigned',
  },
  {
    what: 'an incident at version 0',
    schema: incidentSchema,
    input: { ...incident, version: 0 },
    path: 'version',
    message: '>0',
  },
  {
    what: 'a reporter phone of 8 digits',
    schema: incidentSchema,
    input: { ...incident, reporter: { phone: '13800000' } },
    path: 'reporter.phone',
    message: '11-digit mobile',
  },
  {
    what: 'a timestamp that is not ISO 8601',
    schema: incidentSchema,
    input: { ...incident, createdAt: '2025/03/01 08:00' },
    path: 'createdAt',
    message: 'datetime',
  },
  {
    what: 'an incident in a stage it has no entry time for',
    schema: incidentSchema,
    input: { ...incident, stage: 'supervise' },
    path: 'stageEnteredAt.supervise',
    message: 'no time of entering it',
  },
  {
    what: 'a closed incident that does not say how it closed',
    schema: incidentSchema,
    input: { ...incidentIn('closed'), closure: null },
    path: 'closure',
    message: 'records how it closed',
  },
  {
    what: 'a camera without a class',
    schema: monitoringPointSchema,
    input: { ...camera, cameraClass: null },
    path: 'cameraClass',
    message: 'graded class 1, 2 or 3',
  },
  {
    what: 'a vehicle checkpoint with a camera class',
    schema: monitoringPointSchema,
    input: { ...checkpoint, cameraClass: 2 },
    path: 'cameraClass',
    message: 'not a vehicle-checkpoint',
  },
  {
    what: 'a camera of class 4',
    schema: monitoringPointSchema,
    input: { ...camera, cameraClass: 4 },
    path: 'cameraClass',
    message: 'expected one of 1|2|3',
  },
  {
    what: 'a monitoring point with an unknown status',
    schema: monitoringPointSchema,
    input: { ...camera, status: 'sleeping' },
    path: 'status',
    message: 'Invalid option',
  },
  {
    what: 'a force of no members',
    schema: forceSchema,
    input: { ...force, members: 0 },
    path: 'members',
    message: '>0',
  },
  {
    what: 'a force positioned at latitude 95',
    schema: forceSchema,
    input: { ...force, position: { ...force.position, lat: 95 } },
    path: 'position.lat',
    message: '<=90',
  },
  {
    what: 'an unknown event type',
    schema: hubEventSchema,
    input: { ...event, type: 'incident.deleted' },
    path: 'type',
    message: 'discriminator',
  },
  {
    what: 'an event with seq 0',
    schema: hubEventSchema,
    input: { ...event, seq: 0 },
    path: 'seq',
    message: '>0',
  },
  {
    what: 'an event with a negative seq',
    schema: hubEventSchema,
    input: { ...event, seq: -3 },
    path: 'seq',
    message: '>0',
  },
  {
    what: 'an event with a fractional seq',
    schema: hubEventSchema,
    input: { ...event, seq: 1.5 },
    path: 'seq',
    message: 'expected int',
  },
  {
    what: 'an event whose id is not a uuid',
    schema: hubEventSchema,
    input: { ...event, id: 'evt-1' },
    path: 'id',
    message: 'GUID',
  },
  {
    what: 'an event whose payload does not match its type',
    schema: hubEventSchema,
    input: { ...event, payload: { incident, by: 'operator-1' } },
    path: 'payload.riskLevel',
    message: 'Invalid option',
  },
  {
    what: 'a command without a commandId',
    schema: operatorCommandSchema,
    input: { ...assignCommand, commandId: undefined },
    path: 'commandId',
    message: 'expected string',
  },
  {
    what: 'a command based on version 0',
    schema: operatorCommandSchema,
    input: { ...assignCommand, baseVersion: 0 },
    path: 'baseVersion',
    message: '>0',
  },
  {
    what: 'an assignment to no unit',
    schema: operatorCommandSchema,
    input: { ...assignCommand, unitIds: [] },
    path: 'unitIds',
    message: '>=1',
  },
  {
    what: 'an assignment naming a unit twice',
    schema: operatorCommandSchema,
    input: { ...assignCommand, unitIds: ['unit-police', 'unit-police'] },
    path: 'unitIds',
    message: 'assigned at most once',
  },
  {
    what: 'a mode switch with a reason too short',
    schema: operatorCommandSchema,
    input: { ...switchCommand, reason: '地震' },
    path: 'reason',
    message: '>=4',
  },
  {
    what: 'a mode switch whose reason is only spaces',
    schema: operatorCommandSchema,
    input: { ...switchCommand, reason: '      ' },
    path: 'reason',
    message: '>=4',
  },
  {
    what: 'a follow-up with an unknown satisfaction',
    schema: operatorCommandSchema,
    input: {
      type: 'recordFollowUp',
      commandId: COMMAND_ID,
      incidentId: 'inc-1',
      baseVersion: 5,
      satisfaction: 'meh',
      note: '',
    },
    path: 'satisfaction',
    message: 'Invalid option',
  },
  {
    what: 'an order due before it was issued',
    schema: orderSchema,
    input: { ...order, deadline: '2025-02-28T00:00:00Z' },
    path: 'deadline',
    message: 'after the order is issued',
  },
  {
    what: 'an order to acknowledge after its deadline',
    schema: orderSchema,
    input: { ...order, acknowledgeBy: '2025-03-03T00:00:00Z' },
    path: 'acknowledgeBy',
    message: 'may not be after the deadline',
  },
  {
    what: 'an order acknowledged before it was issued',
    schema: orderSchema,
    input: { ...order, acknowledgement: { acknowledgedAt: '2025-02-28T23:00:00Z', by: 'op-1', note: '' } },
    path: 'acknowledgement.acknowledgedAt',
    message: 'before it is issued',
  },
  {
    what: 'an unknown role',
    schema: operatorSchema,
    input: { ...operator, role: 'superuser' },
    path: 'role',
    message: 'Invalid option',
  },
  {
    what: 'an unknown kind of member unit',
    schema: memberUnitSchema,
    input: { ...unit, kind: 'army' },
    path: 'kind',
    message: 'Invalid option',
  },
  {
    what: 'a mode switch recorded without a reason',
    schema: modeStateSchema,
    input: { ...modeState, reason: '' },
    path: 'reason',
    message: '>=4',
  },
  {
    what: 'an SLA giving high risk more time than low',
    schema: slaTableSchema,
    input: { ...DEFAULT_SLA.peacetime, resolve: { high: 600, medium: 300, low: 100 } },
    path: 'resolve',
    message: 'high ≤ medium ≤ low',
  },
  {
    what: 'an SLA of zero minutes',
    schema: slaTableSchema,
    input: { ...DEFAULT_SLA.peacetime, assign: { high: 0, medium: 10, low: 20 } },
    path: 'assign.high',
    message: '>0',
  },
  {
    what: 'an SLA table missing a stage',
    schema: slaTableSchema,
    input: { ...DEFAULT_SLA.peacetime, followUp: undefined },
    path: 'followUp',
    message: 'expected object',
  },
  {
    what: 'a wartime SLA looser than peacetime',
    schema: slaConfigSchema,
    input: {
      ...DEFAULT_SLA,
      wartime: { ...DEFAULT_SLA.wartime, resolve: { high: 2000, medium: 5000, low: 20000 } },
    },
    path: 'wartime.resolve.high',
    message: 'wartime may not allow more time than peacetime',
  },
  {
    what: 'a handover taken over by its own author',
    schema: handoverSchema,
    input: { ...handover, acceptance: { by: 'op-1', at: '2026-03-10T12:02:00.000Z', note: '' } },
    path: 'acceptance.by',
    message: 'someone else',
  },
  {
    what: 'a shift that ends before it starts',
    schema: handoverSchema,
    input: { ...handover, shift: { start: handover.shift.end, end: handover.shift.start } },
    path: 'shift.end',
    message: 'ends after it starts',
  },
  {
    what: 'a shift longer than a day',
    schema: handoverSchema,
    input: { ...handover, shift: { start: handover.shift.start, end: '2026-03-11T01:00:00.000Z' } },
    path: 'shift.end',
    message: 'at most 24 hours',
  },
];

describe('schemas at the process boundary', () => {
  it.each([
    { what: 'incident', schema: incidentSchema, input: incident },
    { what: 'camera', schema: monitoringPointSchema, input: camera },
    { what: 'vehicle checkpoint', schema: monitoringPointSchema, input: checkpoint },
    { what: 'force', schema: forceSchema, input: force },
    { what: 'force with no position yet', schema: forceSchema, input: { ...force, position: null } },
    { what: 'hub event', schema: hubEventSchema, input: event },
    { what: 'assign command', schema: operatorCommandSchema, input: assignCommand },
    { what: 'mode switch command', schema: operatorCommandSchema, input: switchCommand },
    { what: 'order', schema: orderSchema, input: order },
    { what: 'operator', schema: operatorSchema, input: operator },
    { what: 'member unit', schema: memberUnitSchema, input: unit },
    { what: 'mode state', schema: modeStateSchema, input: modeState },
    { what: 'default SLA', schema: slaConfigSchema, input: DEFAULT_SLA },
    { what: 'handover', schema: handoverSchema, input: handover },
    {
      what: 'timestamp in China time',
      schema: incidentSchema,
      input: { ...incident, updatedAt: '2025-03-01T08:00:00+08:00' },
    },
  ])('accept a well-formed $what', ({ schema, input }) => {
    expect(schema.safeParse(input).error).toBeUndefined();
  });

  it('define an event for every event type, and no other', () => {
    expect(hubEventSchema.options.map((option) => option.shape.type.value)).toEqual([...EVENT_TYPES]);
  });

  it('are tested against at least twenty bad inputs', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(BAD_INPUTS)('reject $what at $path', ({ schema, input, path, message }) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    const issues = (result.error?.issues ?? []).map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    expect(issues).toContainEqual({ path, message: expect.stringContaining(message) });
  });
});
