import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../../src/domain';
import { STORE_KINDS } from '../support/databases';
import { DALI_CITY, addKey, placeIn, report, startTestHub, type Harness } from '../support/hub-harness';

type Place = ReturnType<typeof placeIn>;

interface RawAnswer {
  status: number;
  body: { error?: { code: string; message: string; problems?: string[] } } & Record<string, unknown>;
}

/** Posts bytes as they are, so a test can send what no well-behaved client would. */
async function postRaw(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string>,
): Promise<RawAnswer> {
  const response = await fetch(url, { method: 'POST', headers, body: body as BodyInit });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as RawAnswer['body'] };
  } catch {
    return { status: response.status, body: { raw: text } };
  }
}

const json = (value: unknown) => JSON.stringify(value);
const LONE_SURROGATE = '\uD800';

interface HostileCase {
  name: string;
  path: string;
  body: (place: Place) => string | Uint8Array;
  contentType?: string;
  status: number;
  code: string;
  /** What the message or a problem must name: the field's path, the charset. */
  names: string;
}

const reportWith = (place: Place, fields: Record<string, unknown>) =>
  json({ reports: [{ ...report(place), ...fields }] });

const CASES: HostileCase[] = [
  ...(
    [
      ['a title blank after its invisible characters', { title: '\u200B\u3164 \u2800' }, 'reports.0.title'],
      ['a title of spaces only', { title: ' \u3000 ' }, 'reports.0.title'],
      ['a title with NUL', { title: '纠纷\u0000' }, 'reports.0.title'],
      ['a title with a lone surrogate', { title: `纠纷${LONE_SURROGATE}` }, 'reports.0.title'],
      ['a title with a right-to-left override', { title: '纠纷\u202Egnp.exe' }, 'reports.0.title'],
      ['a title with a bidirectional isolate', { title: '纠纷\u2067x\u2069' }, 'reports.0.title'],
      ['a title with a soft hyphen', { title: '纠\u00AD纷' }, 'reports.0.title'],
      ['a title with a C1 control character', { title: '纠纷\u0085' }, 'reports.0.title'],
      ['a description with NUL', { description: '经过\u0000' }, 'reports.0.description'],
      [
        'a description with a lone surrogate',
        { description: `经过${LONE_SURROGATE}` },
        'reports.0.description',
      ],
      ['an address with a bidirectional override', { address: '\u202E路' }, 'reports.0.address'],
      ['a reporter name with NUL', { reporter: { name: '张\u0000三' } }, 'reports.0.reporter.name'],
      ['a blank reporter name', { reporter: { name: '\u200B' } }, 'reports.0.reporter.name'],
      ['an id with a lone surrogate', { id: `r-${LONE_SURROGATE}` }, 'reports.0.id'],
    ] as const
  ).map(([name, fields, field]): HostileCase => ({
    name,
    path: '/api/v1/reports',
    body: (place) => reportWith(place, fields),
    status: 400,
    code: 'invalid-body',
    names: field,
  })),
  {
    name: 'a hotline title with NUL',
    path: '/api/v1/hotline/tickets',
    body: (place) => {
      const { id, source: _source, title: _title, ...rest } = report(place);
      return json({ tickets: [{ ...rest, ticketNo: id, title: '噪音\u0000' }] });
    },
    status: 400,
    code: 'invalid-body',
    names: 'tickets.0.title',
  },
  {
    name: 'a hotline caller name with a lone surrogate',
    path: '/api/v1/hotline/tickets',
    body: (place) => {
      const { id, source: _source, ...rest } = report(place);
      return json({ tickets: [{ ...rest, ticketNo: id, caller: { name: LONE_SURROGATE } }] });
    },
    status: 400,
    code: 'invalid-body',
    names: 'tickets.0.caller.name',
  },
  {
    name: 'a camera alarm title with a bidirectional override',
    path: '/api/v1/monitoring/alarms',
    body: () =>
      json({ alarms: [{ id: 'a-1', pointId: 'p-1', category: 'neighbourhood', title: '\u202D告警' }] }),
    status: 400,
    code: 'invalid-body',
    names: 'alarms.0.title',
  },
  {
    name: 'a camera status update id with NUL',
    path: '/api/v1/monitoring/status',
    body: () =>
      json({
        updates: [{ id: 's\u0000', pointId: 'p-1', status: 'offline', at: '2026-11-26T08:00:00.000Z' }],
      }),
    status: 400,
    code: 'invalid-body',
    names: 'updates.0.id',
  },
  {
    name: 'a force position id with a lone surrogate',
    path: '/api/v1/forces/positions',
    body: () =>
      json({
        positions: [
          { id: LONE_SURROGATE, forceId: 'f-1', lng: 100.2, lat: 25.6, at: '2026-11-26T08:00:00.000Z' },
        ],
      }),
    status: 400,
    code: 'invalid-body',
    names: 'positions.0.id',
  },
  {
    name: 'an acknowledgement note with NUL',
    path: '/api/v1/orders/acknowledgements',
    body: () => json({ acknowledgements: [{ id: 'k-1', orderId: 'i/u', note: '收到\u0000' }] }),
    status: 400,
    code: 'invalid-body',
    names: 'acknowledgements.0.note',
  },
  {
    name: 'an acknowledgement signed by a blank name',
    path: '/api/v1/orders/acknowledgements',
    body: () => json({ acknowledgements: [{ id: 'k-2', orderId: 'i/u', signedBy: '\u2060\u3164' }] }),
    status: 400,
    code: 'invalid-body',
    names: 'acknowledgements.0.signedBy',
  },
  {
    name: 'a report naming its title twice',
    path: '/api/v1/reports',
    body: (place) => reportWith(place, {}).replace('"title":', '"title":"无害","title":'),
    status: 400,
    code: 'duplicate-key',
    names: 'reports.0.title',
  },
  {
    name: 'a body naming its top key twice, the second spelt with an escape',
    path: '/api/v1/reports',
    body: (place) =>
      `{"reports":[],${reportWith(place, {}).slice(1).replace('"reports"', '"rep\\u006frts"')}`,
    status: 400,
    code: 'duplicate-key',
    names: 'reports',
  },
  {
    name: 'charset=utf-16 declared over a UTF-8 body',
    path: '/api/v1/reports',
    body: (place) => reportWith(place, {}),
    contentType: 'application/json; charset=utf-16',
    status: 415,
    code: 'unsupported-charset',
    names: 'utf-16',
  },
  {
    name: 'charset=latin1',
    path: '/api/v1/reports',
    body: (place) => reportWith(place, {}),
    contentType: 'application/json;charset="ISO-8859-1"',
    status: 415,
    code: 'unsupported-charset',
    names: 'iso-8859-1',
  },
  {
    name: 'bytes that are not UTF-8',
    path: '/api/v1/reports',
    body: (place) => {
      const text = reportWith(place, { title: 'XX' });
      const bytes = Buffer.from(text);
      bytes.set([0xc3, 0x28], bytes.indexOf('XX'));
      return bytes;
    },
    status: 400,
    code: 'invalid-utf-8',
    names: 'UTF-8',
  },
  {
    name: 'JSON nested 100,000 deep',
    path: '/api/v1/reports',
    body: () => `{"reports":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    status: 400,
    code: 'invalid-body',
    names: 'reports',
  },
  {
    name: 'a JSON null',
    path: '/api/v1/reports',
    body: () => 'null',
    status: 400,
    code: 'invalid-body',
    names: 'body',
  },
  {
    name: 'a __proto__ key',
    path: '/api/v1/reports',
    body: () => '{"reports":[],"__proto__":{"admin":true}}',
    status: 400,
    code: 'malformed-json',
    names: 'JSON',
  },
];

/** What a login that the hub must refuse looks like: any of these answering 500 is a hole. */
const LOGIN_CASES: [string, string | Uint8Array, string?][] = [
  ['a name with NUL', json({ name: 'duty\u0000', password: 'x' })],
  ['a name with a lone surrogate', json({ name: `duty${LONE_SURROGATE}`, password: 'x' })],
  ['a password with a lone surrogate', json({ name: 'duty', password: LONE_SURROGATE })],
  ['a name given twice', '{"name":"nobody","name":"duty","password":"x"}'],
  ['charset=utf-16', json({ name: 'duty', password: 'x' }), 'application/json; charset=utf-16'],
  ['bytes that are not UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x7d])],
  ['a name that is an object', json({ name: { $ne: null }, password: 'x' })],
  ['deep nesting', `{"name":${'['.repeat(50_000)}${']'.repeat(50_000)},"password":"x"}`],
  ['a JSON string', json('duty')],
  ['malformed JSON', '{"name":'],
];

/** The same for a refresh: a token the hub never issued, in every malformed shape. */
const REFRESH_CASES: [string, string | Uint8Array, string?][] = [
  ['a token with NUL', json({ refreshToken: 'a.b\u0000.c' })],
  ['a token with a lone surrogate', json({ refreshToken: `a.${LONE_SURROGATE}.c` })],
  ['a token of three empty parts', json({ refreshToken: '..' })],
  ['a token 1 MiB long', json({ refreshToken: 'a'.repeat(1024 * 1000) })],
  ['a token given twice', '{"refreshToken":"x","refreshToken":"y"}'],
  ['a token that is a number', json({ refreshToken: 1e308 })],
];

describe.each(STORE_KINDS)('hostile bodies on a %s hub', (_store, createDatabase) => {
  let harness: Harness;
  let key: string;
  let place: Place;

  beforeAll(async () => {
    harness = await startTestHub(await createDatabase());
    key = await addKey(harness.hub, DALI_CITY);
    place = placeIn(harness.hub.region, DALI_CITY);
  });
  afterAll(async () => {
    await harness?.close();
  });

  async function healthy(): Promise<void> {
    const response = await fetch(`${harness.hub.url}/healthz`);
    expect(response.status).toBe(200);
  }

  it.each(CASES)('refuses $name with $status $code, naming it, and stores nothing', async (c) => {
    const head = await harness.hub.store.headSeq();
    const answer = await postRaw(`${harness.hub.url}${c.path}`, c.body(place), {
      'content-type': c.contentType ?? 'application/json',
      authorization: `Bearer ${key}`,
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(c.status);
    expect(answer.body.error?.code).toBe(c.code);
    const said = [answer.body.error?.message, ...(answer.body.error?.problems ?? [])].join('\n');
    expect(said.toLowerCase()).toContain(c.names.toLowerCase());
    expect(await harness.hub.store.headSeq()).toBe(head);
    await healthy();
  });

  it('stores a title in NFC, trimmed, and takes text in the scripts people write', async () => {
    const decomposed = ' Cafe\u0301 纠纷 ';
    const answer = await postRaw(
      `${harness.hub.url}/api/v1/reports`,
      reportWith(place, { title: decomposed, description: '第一行\n第二行\t完' }),
      { 'content-type': 'application/json; charset=UTF-8', authorization: `Bearer ${key}` },
    );
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    const [id] = answer.body.created as string[];
    const incident = (await harness.hub.store.getEntity('incident', id!))!.doc as Incident;
    expect(incident.title).toBe('Caf\u00E9 纠纷');
    expect(incident.description).toBe('第一行\n第二行\t完');
  });

  it.each([
    ...LOGIN_CASES.map(([name, body, type]) => ['login', name, body, type] as const),
    ...REFRESH_CASES.map(([name, body, type]) => ['refresh', name, body, type] as const),
  ])('answers a %s with %s with a refusal, never a failure', async (path, _name, body, type) => {
    const answer = await postRaw(`${harness.hub.url}/api/v1/auth/${path}`, body, {
      'content-type': type ?? 'application/json',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBeGreaterThanOrEqual(400);
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(500);
    await healthy();
  });
});
