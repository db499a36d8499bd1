import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Force, MonitoringPoint } from '../../src/domain';
import { recordEvents } from '../../src/hub/projector';
import { STORE_KINDS } from './support/databases';
import {
  DALI_CITY,
  YANGBI,
  addKey,
  placeIn,
  postJson,
  report,
  startTestHub,
  type Harness,
} from './support/hub-harness';

const NOW = '2026-11-26T08:00:00.000Z';

function point(id: string, village: string, location: [number, number]): MonitoringPoint {
  return {
    id,
    name: `${id} 摄像机`,
    kind: 'camera',
    cameraClass: 1,
    jurisdictionCode: village,
    location,
    status: 'online',
    statusAt: NOW,
  };
}

function force(id: string, village: string): Force {
  return {
    id,
    kind: 'grid-worker',
    name: `${id} 网格员`,
    jurisdictionCode: village,
    members: 1,
    position: null,
  };
}

interface Place {
  village: string;
  location: [number, number];
}

interface Case {
  name: string;
  path: string;
  body: (ctx: { ok: () => ReturnType<typeof report>; dali: Place; yangbi: Place }) => unknown;
  status: number;
  code: string;
  message: string;
  headers?: Record<string, string>;
  key?: 'none' | 'wrong';
}

const CASES: Case[] = [
  {
    name: 'no API key',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [c.ok()] }),
    key: 'none',
    status: 401,
    code: 'bad-api-key',
    message: 'Authorization: Bearer',
  },
  {
    name: 'an unknown API key',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [c.ok()] }),
    key: 'wrong',
    status: 401,
    code: 'bad-api-key',
    message: 'valid API key',
  },
  {
    name: 'a text/plain body',
    path: '/api/v1/reports',
    body: (c) => JSON.stringify({ reports: [c.ok()] }),
    headers: { 'content-type': 'text/plain' },
    status: 415,
    code: 'unsupported-content-type',
    message: 'text/plain',
  },
  {
    name: 'a form-encoded body',
    path: '/api/v1/reports',
    body: () => 'reports=1',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    status: 415,
    code: 'unsupported-content-type',
    message: 'must be application/json',
  },
  {
    name: 'malformed JSON',
    path: '/api/v1/reports',
    body: () => '{"reports": [',
    status: 400,
    code: 'malformed-json',
    message: 'not valid JSON',
  },
  {
    name: 'an empty JSON body',
    path: '/api/v1/reports',
    body: () => '',
    status: 400,
    code: 'empty-body',
    message: 'empty',
  },
  {
    name: 'a body over 1 MiB',
    path: '/api/v1/reports',
    body: (c) => JSON.stringify({ reports: [{ ...c.ok(), description: 'x'.repeat(1_100_000) }] }),
    status: 413,
    code: 'body-too-large',
    message: 'too large',
  },
  {
    name: 'an array instead of an object',
    path: '/api/v1/reports',
    body: (c) => [c.ok()],
    status: 400,
    code: 'invalid-body',
    message: 'expected object',
  },
  {
    name: 'an empty batch',
    path: '/api/v1/reports',
    body: () => ({ reports: [] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports',
  },
  {
    name: 'a batch over 500 reports',
    path: '/api/v1/reports',
    body: (c) => ({ reports: Array.from({ length: 501 }, c.ok) }),
    status: 400,
    code: 'invalid-body',
    message: 'reports',
  },
  {
    name: 'a report without a title',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), title: undefined }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.title',
  },
  {
    name: 'an unknown category',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), category: 'ufo' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.category',
  },
  {
    name: 'a camera alarm posted as a report',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), source: 'camera-alarm' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.source',
  },
  {
    name: 'a field the API does not know',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), priority: 'urgent' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'priority',
  },
  {
    name: 'a longitude out of range',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), location: [200, 25.6] }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.location.0',
  },
  {
    name: 'coordinates in [lat, lng] order',
    path: '/api/v1/reports',
    body: (c) => ({
      reports: [{ ...c.ok(), location: [c.dali.location[1], c.dali.location[0]] }],
    }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.location.1',
  },
  {
    name: 'a county code where a village or grid belongs',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), jurisdictionCode: DALI_CITY }] }),
    status: 400,
    code: 'invalid-body',
    message: 'village (12 digits) or a grid',
  },
  {
    name: 'a code with letters',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), jurisdictionCode: '53290100100A' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'digits only',
  },
  {
    name: 'a bad reporter phone number',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), reporter: { phone: '12345' } }] }),
    status: 400,
    code: 'invalid-body',
    message: 'phone',
  },
  {
    name: 'one bad report among good ones',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [c.ok(), { ...c.ok(), kind: 'riot' }, c.ok()] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.1.kind',
  },
  {
    name: 'a village code the region does not have',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), jurisdictionCode: '532901999999' }] }),
    status: 422,
    code: 'unknown-reference',
    message: 'no jurisdiction 532901999999',
  },
  {
    name: "a village outside the key's jurisdiction",
    path: '/api/v1/reports',
    body: (c) => ({
      reports: [c.ok(), { ...c.ok(), jurisdictionCode: c.yangbi.village, location: c.yangbi.location }],
    }),
    status: 403,
    code: 'out-of-scope',
    message: "is outside this key's jurisdiction 532901 大理市",
  },
  {
    name: "coordinates outside the key's jurisdiction",
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), location: [116.4, 39.9] }] }),
    status: 403,
    code: 'out-of-scope',
    message: 'reports[0].location: [116.4, 39.9] lies outside',
  },
  {
    name: 'the same id twice in one batch',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [report(c.dali, 'twice'), report(c.dali, 'twice')] }),
    status: 422,
    code: 'duplicate-in-batch',
    message: 'reports[1].id: twice appears twice',
  },
  {
    name: 'a hotline ticket without its number',
    path: '/api/v1/hotline/tickets',
    body: (c) => ({ tickets: [{ ...c.ok(), id: undefined, source: undefined }] }),
    status: 400,
    code: 'invalid-body',
    message: 'tickets.0.ticketNo',
  },
  {
    name: 'a status for an unknown camera',
    path: '/api/v1/monitoring/status',
    body: () => ({
      updates: [{ id: 's1', pointId: 'cam-nowhere', status: 'offline', at: NOW }],
    }),
    status: 422,
    code: 'unknown-reference',
    message: 'no monitoring point cam-nowhere',
  },
  {
    name: 'a status the platform does not define',
    path: '/api/v1/monitoring/status',
    body: () => ({
      updates: [{ id: 's2', pointId: 'cam-dali-1', status: 'sleeping', at: NOW }],
    }),
    status: 400,
    code: 'invalid-body',
    message: 'updates.0.status',
  },
  {
    name: 'a status with a malformed time',
    path: '/api/v1/monitoring/status',
    body: () => ({
      updates: [{ id: 's3', pointId: 'cam-dali-1', status: 'online', at: 'yesterday' }],
    }),
    status: 400,
    code: 'invalid-body',
    message: 'updates.0.at',
  },
  {
    name: "a camera outside the key's jurisdiction",
    path: '/api/v1/monitoring/status',
    body: () => ({
      updates: [{ id: 's4', pointId: 'cam-yangbi-1', status: 'offline', at: NOW }],
    }),
    status: 403,
    code: 'out-of-scope',
    message: 'updates[0].pointId: cam-yangbi-1',
  },
  {
    name: 'an alarm from an unknown camera',
    path: '/api/v1/monitoring/alarms',
    body: () => ({
      alarms: [{ id: 'a1', pointId: 'cam-nowhere', category: 'public-order', title: '聚集' }],
    }),
    status: 422,
    code: 'unknown-reference',
    message: 'cam-nowhere',
  },
  {
    name: 'a position of an unknown force',
    path: '/api/v1/forces/positions',
    body: (c) => ({
      positions: [
        { id: 'p1', forceId: 'gw-nobody', lng: c.dali.location[0], lat: c.dali.location[1], at: NOW },
      ],
    }),
    status: 422,
    code: 'unknown-reference',
    message: 'no force gw-nobody',
  },
  {
    name: "a position outside the key's jurisdiction",
    path: '/api/v1/forces/positions',
    body: () => ({
      positions: [{ id: 'p2', forceId: 'gw-dali-1', lng: 116.4, lat: 39.9, at: NOW }],
    }),
    status: 403,
    code: 'out-of-scope',
    message: 'positions[0]: [116.4, 39.9] lies outside',
  },
  {
    name: 'a latitude out of range',
    path: '/api/v1/forces/positions',
    body: () => ({
      positions: [{ id: 'p3', forceId: 'gw-dali-1', lng: 100.2, lat: 125.6, at: NOW }],
    }),
    status: 400,
    code: 'invalid-body',
    message: 'positions.0.lat',
  },
  {
    name: 'a NUL inside a title',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), title: '邻里\u0000纠纷' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.title: contains a control character',
  },
  {
    name: 'an id of a zero-width space',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), id: '\u200b' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.id: contains an invisible formatting character',
  },
  {
    name: 'a right-to-left override in a description',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), description: '地址\u202e址地' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.description: contains an invisible formatting character',
  },
  {
    name: 'a line break inside a title',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), title: '邻里\n纠纷' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.title: contains a line break',
  },
  {
    name: 'a description over 4000 characters',
    path: '/api/v1/reports',
    body: (c) => ({ reports: [{ ...c.ok(), description: '长'.repeat(4001) }] }),
    status: 400,
    code: 'invalid-body',
    message: 'reports.0.description',
  },
  {
    name: 'a batch over 500 hotline tickets',
    path: '/api/v1/hotline/tickets',
    body: (c) => ({
      tickets: Array.from({ length: 501 }, (_, i) => {
        const { id: _id, source: _source, ...ticket } = c.ok();
        return { ...ticket, ticketNo: `t-${i}` };
      }),
    }),
    status: 400,
    code: 'invalid-body',
    message: 'tickets',
  },
  {
    name: 'a batch over 5000 status updates',
    path: '/api/v1/monitoring/status',
    body: () => ({
      updates: Array.from({ length: 5001 }, (_, i) => ({
        id: `s-${i}`,
        pointId: 'cam-dali-1',
        status: 'online',
        at: NOW,
      })),
    }),
    status: 400,
    code: 'invalid-body',
    message: 'updates',
  },
  {
    name: 'a camera id with a NUL',
    path: '/api/v1/monitoring/status',
    body: () => ({ updates: [{ id: 's5', pointId: 'cam-dali-1\u0000', status: 'online', at: NOW }] }),
    status: 400,
    code: 'invalid-body',
    message: 'updates.0.pointId: contains a control character',
  },
  {
    name: 'a batch over 500 alarms',
    path: '/api/v1/monitoring/alarms',
    body: () => ({
      alarms: Array.from({ length: 501 }, (_, i) => ({
        id: `a-${i}`,
        pointId: 'cam-dali-1',
        category: 'public-order',
        title: '聚集',
      })),
    }),
    status: 400,
    code: 'invalid-body',
    message: 'alarms',
  },
  {
    name: 'an alarm title of a byte-order mark',
    path: '/api/v1/monitoring/alarms',
    body: () => ({
      alarms: [{ id: 'a2', pointId: 'cam-dali-1', category: 'public-order', title: '聚\ufeff集' }],
    }),
    status: 400,
    code: 'invalid-body',
    message: 'alarms.0.title: contains an invisible formatting character',
  },
  {
    name: 'a batch over 5000 positions',
    path: '/api/v1/forces/positions',
    body: (c) => ({
      positions: Array.from({ length: 5001 }, (_, i) => ({
        id: `p-${i}`,
        forceId: 'gw-dali-1',
        lng: c.dali.location[0],
        lat: c.dali.location[1],
        at: NOW,
      })),
    }),
    status: 400,
    code: 'invalid-body',
    message: 'positions',
  },
  {
    name: 'a force id with a zero-width joiner',
    path: '/api/v1/forces/positions',
    body: (c) => ({
      positions: [
        { id: 'p4', forceId: 'gw-dali\u200d-1', lng: c.dali.location[0], lat: c.dali.location[1], at: NOW },
      ],
    }),
    status: 400,
    code: 'invalid-body',
    message: 'positions.0.forceId: contains an invisible formatting character',
  },
  {
    name: 'an empty batch of acknowledgements',
    path: '/api/v1/orders/acknowledgements',
    body: () => ({ acknowledgements: [] }),
    status: 400,
    code: 'invalid-body',
    message: 'acknowledgements',
  },
  {
    name: 'a batch over 500 acknowledgements',
    path: '/api/v1/orders/acknowledgements',
    body: () => ({
      acknowledgements: Array.from({ length: 501 }, (_, i) => ({ id: `k-${i}`, orderId: 'x/unit' })),
    }),
    status: 400,
    code: 'invalid-body',
    message: 'acknowledgements',
  },
  {
    name: 'an acknowledgement note with a NUL',
    path: '/api/v1/orders/acknowledgements',
    body: () => ({ acknowledgements: [{ id: 'k1', orderId: 'x/unit', note: '已签收\u0000' }] }),
    status: 400,
    code: 'invalid-body',
    message: 'acknowledgements.0.note: contains a control character',
  },
  {
    name: 'an acknowledgement of an order that does not exist',
    path: '/api/v1/orders/acknowledgements',
    body: () => ({ acknowledgements: [{ id: 'k2', orderId: '20261126-NOSUCH/unit-532901-police' }] }),
    status: 422,
    code: 'unknown-reference',
    message: 'acknowledgements[0].orderId: no order 20261126-NOSUCH/unit-532901-police',
  },
  {
    name: 'an endpoint that does not exist',
    path: '/api/v1/weather',
    body: () => ({}),
    status: 404,
    code: 'not-found',
    message: '/api/v1/weather',
  },
];

describe.each(STORE_KINDS)('the ingest API of a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  let dali: { village: string; location: [number, number] };
  let yangbi: { village: string; location: [number, number] };

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    key = await addKey(harness.hub, DALI_CITY);
    dali = placeIn(harness.hub.region, DALI_CITY);
    yangbi = placeIn(harness.hub.region, YANGBI);
    await harness.hub.store.transaction((tx) =>
      recordEvents(tx, [
        {
          type: 'monitoring.registered',
          jurisdiction: dali.village,
          at: NOW,
          payload: { points: [point('cam-dali-1', dali.village, dali.location)] },
        },
        {
          type: 'monitoring.registered',
          jurisdiction: yangbi.village,
          at: NOW,
          payload: { points: [point('cam-yangbi-1', yangbi.village, yangbi.location)] },
        },
        {
          type: 'forces.registered',
          jurisdiction: dali.village,
          at: NOW,
          payload: { forces: [force('gw-dali-1', dali.village)] },
        },
      ]),
    );
  });
  afterAll(async () => harness?.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}, useKey = key) =>
    postJson(`${harness.hub.url}${path}`, useKey, body, headers);

  it('stores a valid batch of reports whole and answers 201 with the incident ids', async () => {
    const before = await harness.hub.store.headSeq();
    const result = await post('/api/v1/reports', {
      reports: [report(dali), report(dali, undefined, '土地纠纷')],
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ accepted: 2 });
    expect((result.body.created as string[]).length).toBe(2);
    expect(await harness.hub.store.headSeq()).toBe(before + 2);
  });

  it('takes camera status changes and force positions in batches', async () => {
    const status = await post('/api/v1/monitoring/status', {
      updates: [{ id: 'st-1', pointId: 'cam-dali-1', status: 'offline', at: NOW }],
    });
    expect(status.status).toBe(201);
    expect(await harness.hub.store.getEntity('monitoring-point', 'cam-dali-1')).toMatchObject({
      doc: { status: 'offline' },
    });
    const [lng, lat] = dali.location;
    const moved = await post('/api/v1/forces/positions', {
      positions: [{ id: 'pos-1', forceId: 'gw-dali-1', lng, lat, at: NOW }],
    });
    expect(moved.status).toBe(201);
    expect(await harness.hub.store.getEntity('force', 'gw-dali-1')).toMatchObject({
      doc: { position: { lng, lat } },
    });
  });

  it('refuses a replayed id with 409 and stores nothing of that batch', async () => {
    const first = report(dali, 'replay-me');
    expect((await post('/api/v1/reports', { reports: [first] })).status).toBe(201);
    const before = await harness.hub.store.headSeq();
    const fresh = report(dali, 'fresh-in-replayed-batch');
    const replay = await post('/api/v1/reports', { reports: [fresh, first] });
    expect(replay.status).toBe(409);
    expect(replay.body.error?.message).toContain('reports[1].id: replay-me was already received');
    expect(await harness.hub.store.headSeq()).toBe(before);
    expect((await post('/api/v1/reports', { reports: [fresh] })).status).toBe(201);
  });

  it('serves its OpenAPI description', async () => {
    const response = await fetch(`${harness.hub.url}/api/v1/openapi.json`);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/reports', '/api/v1/monitoring/status', '/api/v1/forces/positions']),
    );
  });

  it('has a bad-input table of at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('refuses $name with $status, a precise message, and stores nothing', async (c) => {
    const before = await harness.hub.store.headSeq();
    const auditBefore = (await harness.hub.store.auditEntries(1000)).length;
    const useKey = c.key === 'none' ? '' : c.key === 'wrong' ? 'pk_not_a_real_key' : key;
    const headers = { ...(c.headers ?? {}), ...(c.key === 'none' ? { authorization: '' } : {}) };
    const body = c.body({ ok: () => report(dali), dali, yangbi });
    const result = await post(c.path, body, headers, useKey);
    expect(result.status, `${c.name}: ${JSON.stringify(result.body)}`).toBe(c.status);
    expect(result.body.error?.code, c.name).toBe(c.code);
    expect(JSON.stringify(result.body.error), c.name).toContain(c.message);
    expect(await harness.hub.store.headSeq(), `${c.name} stored events`).toBe(before);
    expect((await harness.hub.store.auditEntries(1000)).length).toBe(auditBefore);
  });
});
