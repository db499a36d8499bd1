import { describe, expect, it } from 'vitest';
import {
  applyAction,
  openIncident,
  projectEvent,
  type EntityLookup,
  type EntityState,
  type HubEvent,
  type HubEventDraft,
} from '../../src/domain';
import { COUNTY, GRID, T0, VILLAGE, contextFor } from './fixtures';

/** Applies events in order to an in-memory entity map, as the hub and the desktop cache do. */
function replay(drafts: readonly HubEventDraft[], state = new Map<string, EntityState>()) {
  const lookup: EntityLookup = (kind, id) => state.get(`${kind}/${id}`);
  drafts.forEach((draft, index) => {
    const event = {
      ...draft,
      seq: index + 1,
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    } as HubEvent;
    for (const change of projectEvent(event, lookup)) state.set(`${change.kind}/${change.id}`, change);
  });
  return state;
}

const report = {
  id: 'inc-9',
  kind: 'dispute' as const,
  category: 'neighbourhood' as const,
  title: '宅基地边界纠纷',
  description: '',
  jurisdictionCode: GRID,
  location: [100.2, 25.6] as [number, number],
  address: '大理市下关镇',
  reporter: null,
  source: 'grid-worker' as const,
  monitoringPointId: null,
};

describe('projecting events onto current state', () => {
  it('keeps the newest incident snapshot and each order with its acknowledgement', () => {
    const opened = openIncident(report, T0);
    const ctx = contextFor('operator');
    const assessed = applyAction(opened.incident, { type: 'assess', riskLevel: 'high' }, ctx);
    if (!assessed.ok) throw new Error(assessed.reason);
    const assigned = applyAction(
      assessed.incident,
      { type: 'assign', unitIds: ['unit-police', 'unit-justice'], deadline: '2025-04-30T00:00:00.000Z' },
      ctx,
    );
    if (!assigned.ok) throw new Error(assigned.reason);
    const acknowledged = applyAction(assigned.incident, { type: 'acknowledge', unitId: 'unit-police' }, ctx);
    if (!acknowledged.ok) throw new Error(acknowledged.reason);

    const state = replay([...opened.events, ...assessed.events, ...assigned.events, ...acknowledged.events]);
    const incident = state.get('incident/inc-9')!;
    expect(incident.version).toBe(acknowledged.incident.version);
    expect(incident.doc).toEqual(acknowledged.incident);
    expect(incident.jurisdiction).toBe(GRID);
    const policeOrder = state.get('order/inc-9/unit-police')!;
    expect(policeOrder.version).toBe(2);
    expect(policeOrder.doc).toMatchObject({ acknowledgement: { by: 'operator-1' } });
    expect(state.get('order/inc-9/unit-justice')!.doc).toMatchObject({ acknowledgement: null });
  });

  it('registers an inventory in batches and moves a force it knows, ignoring one it does not', () => {
    const force = {
      id: 'gw-1',
      kind: 'grid-worker' as const,
      name: '张网格员',
      jurisdictionCode: VILLAGE,
      members: 1,
      position: null,
    };
    const position = { lng: 100.21, lat: 25.61, at: T0 };
    const state = replay([
      { type: 'forces.registered', jurisdiction: VILLAGE, at: T0, payload: { forces: [force] } },
      { type: 'force.moved', jurisdiction: VILLAGE, at: T0, payload: { forceId: 'gw-1', position } },
      { type: 'force.moved', jurisdiction: VILLAGE, at: T0, payload: { forceId: 'gw-unknown', position } },
    ]);
    expect(state.get('force/gw-1')).toMatchObject({ version: 2, jurisdiction: VILLAGE, doc: { position } });
    expect(state.has('force/gw-unknown')).toBe(false);
  });

  it('keeps one mode record per jurisdiction, counting its switches', () => {
    const ctxAt = { actor: contextFor('commander').actor, at: T0 };
    const state = replay([
      {
        type: 'mode.switched',
        jurisdiction: COUNTY,
        at: T0,
        payload: {
          state: {
            jurisdictionCode: COUNTY,
            mode: 'wartime',
            since: T0,
            reason: '漾濞地震',
            switchedBy: ctxAt.actor.id,
          },
          previous: 'peacetime',
        },
      },
      {
        type: 'mode.switched',
        jurisdiction: COUNTY,
        at: T0,
        payload: {
          state: {
            jurisdictionCode: COUNTY,
            mode: 'peacetime',
            since: T0,
            reason: '应急响应结束',
            switchedBy: ctxAt.actor.id,
          },
          previous: 'wartime',
        },
      },
    ]);
    expect(state.get(`mode/${COUNTY}`)).toMatchObject({ version: 2, doc: { mode: 'peacetime' } });
  });

  /** One event of each family beyond incidents, its payload reduced to what projection reads. */
  const draft = (type: string, payload: object, jurisdiction = COUNTY) =>
    ({ type, jurisdiction, at: T0, payload }) as unknown as HubEventDraft;
  const at = (code: string) => ({ id: `${code}-thing`, jurisdictionCode: code });

  it.each([
    { event: draft('note.added', { note: { id: 'note-1' } }), records: [['note/note-1', COUNTY]] },
    { event: draft('bulletin.saved', { bulletin: { id: 'b-1' } }), records: [['bulletin/b-1', COUNTY]] },
    { event: draft('handover.submitted', { handover: { id: 'h-1' } }), records: [['handover/h-1', COUNTY]] },
    { event: draft('handover.accepted', { handover: { id: 'h-1' } }), records: [['handover/h-1', COUNTY]] },
    {
      event: draft('sla.configured', { jurisdictionCode: COUNTY, config: {} }, '5329'),
      records: [[`sla/${COUNTY}`, '5329']],
    },
    {
      event: draft('subsidy.configured', { jurisdictionCode: COUNTY, rates: {} }),
      records: [[`subsidy-rates/${COUNTY}`, COUNTY]],
    },
    {
      event: draft('monitoring.status-changed', { point: at(VILLAGE) }),
      records: [[`monitoring-point/${VILLAGE}-thing`, VILLAGE]],
    },
    {
      event: draft('monitoring.registered', { points: [at(VILLAGE), at(GRID)] }),
      records: [
        [`monitoring-point/${VILLAGE}-thing`, VILLAGE],
        [`monitoring-point/${GRID}-thing`, GRID],
      ],
    },
    {
      event: draft('units.registered', { units: [at(COUNTY)] }),
      records: [[`member-unit/${COUNTY}-thing`, COUNTY]],
    },
    {
      event: draft('coverage.registered', { places: [at(VILLAGE)], roads: [at(GRID)] }),
      records: [
        [`key-place/${VILLAGE}-thing`, VILLAGE],
        [`road-segment/${GRID}-thing`, GRID],
      ],
    },
    {
      event: draft('key-person.removed', { person: at(GRID) }),
      records: [[`key-person/${GRID}-thing`, GRID]],
    },
    {
      event: draft('target.registered', { target: { ...at(VILLAGE), kind: 'sensitive-place' } }),
      records: [[`sensitive-place/${VILLAGE}-thing`, VILLAGE]],
    },
    {
      event: draft('order.acknowledged', {
        incident: { id: 'inc-1', jurisdictionCode: GRID, version: 4 },
        orderId: 'order-unknown',
        acknowledgement: {},
      }),
      records: [['incident/inc-1', GRID]],
    },
  ])('projects $event.type onto its records', ({ event, records }) => {
    const once = replay([event]);
    expect([...once.values()].map((entity) => [`${entity.kind}/${entity.id}`, entity.jurisdiction])).toEqual(
      records,
    );
    const twice = replay([event, event]);
    const expectedVersion = event.type === 'order.acknowledged' ? 4 : 2;
    for (const entity of twice.values()) expect(entity.version).toBe(expectedVersion);
  });
});
