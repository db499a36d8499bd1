import { describe, expect, it } from 'vitest';
import type { IncidentQueue, QueueRules } from '../../src/core/queue/incident-queue';
import { exportQueue } from '../../src/core/queue/queue-export';
import { DEFAULT_SLA, addMinutes, type Incident, type SlaConfig } from '../../src/domain';
import { COUNTY, NEIGHBOURING_COUNTY, T0, incidentIn } from '../domain/fixtures';
import { queueOver, type QueueRulesHeld } from './support/queue-cache';

function incident(id: string, overrides: Partial<Incident>): Incident {
  return { ...incidentIn('assign'), id, ...overrides };
}

const HOUR = 60;
// An assign-stage incident of medium risk has 2 h (peacetime) or 30 min (wartime) from entering the stage.
const AT = (minutes: number) => Date.parse(addMinutes(T0, minutes));
const at = (now: number): QueueRules => ({ now });

const INCIDENTS: Incident[] = [
  incident('a-high', { riskLevel: 'high', title: '山林土地纠纷', updatedAt: addMinutes(T0, 5) }),
  incident('b-medium', { riskLevel: 'medium', address: '下关镇文化路', updatedAt: addMinutes(T0, 3) }),
  incident('c-low', { riskLevel: 'low', reporter: { name: '张三', phone: '13800000000' } }),
  { ...incidentIn('closed'), id: 'd-closed' },
  incident('e-neighbour', { jurisdictionCode: `${NEIGHBOURING_COUNTY}001001` }),
];

const queue = (rules: QueueRulesHeld = {}) => queueOver(INCIDENTS, rules).queue;

describe('the incident queue', () => {
  it('filters by stage, risk, scope, unit and text, and counts stages over everything but the stage filter', () => {
    const rules = at(AT(10));
    const cases: [string, Parameters<IncidentQueue['window']>[0], string[]][] = [
      ['open only', { stages: ['assign'] }, ['a-high', 'b-medium', 'c-low', 'e-neighbour']],
      ['high risk', { risks: ['high'] }, ['a-high']],
      ['in a county', { scope: COUNTY, stages: ['assign'] }, ['a-high', 'b-medium', 'c-low']],
      ['by address', { text: '文化路' }, ['b-medium']],
      ['by reporter phone', { text: '13800000000' }, ['c-low']],
      ['by id', { text: 'D-CLOSED' }, ['d-closed']],
      [
        'by assigned unit',
        { unitId: 'unit-justice', stages: ['assign'], scope: COUNTY },
        ['a-high', 'b-medium', 'c-low'],
      ],
      ['a unit nobody was given', { unitId: 'unit-nobody' }, []],
    ];
    for (const [name, filter, expected] of cases) {
      const ids = queue()
        .window(filter, 'updated', 0, 100, rules)
        .rows.map((row) => row.id);
      expect(ids.sort(), name).toEqual([...expected].sort());
    }
    const window = queue().window({ stages: ['closed'] }, 'updated', 0, 100, rules);
    expect(window.total).toBe(1);
    expect(window.byStage).toEqual({ assign: 4, closed: 1 });
  });

  it('flags overdue and due-soon rows from the SLA table of the mode in force', () => {
    // 100 minutes after entering assign: high (30 min) overdue, medium (2 h) due within 30 min, low (4 h) on time.
    const rows = queue().window({ scope: COUNTY, stages: ['assign'] }, 'deadline', 0, 10, at(AT(100))).rows;
    expect(rows.map((row) => [row.id, row.sla])).toEqual([
      ['a-high', 'overdue'],
      ['b-medium', 'due-soon'],
      ['c-low', 'on-time'],
    ]);
    const wartime = queue({
      modes: [
        { jurisdictionCode: COUNTY, mode: 'wartime', since: T0, reason: '地震应急响应', switchedBy: 'c' },
      ],
    });
    const overdue = wartime.window({ scope: COUNTY, overdueOnly: true }, 'deadline', 0, 10, at(AT(100)));
    expect(overdue.rows.map((row) => row.id)).toEqual(['a-high', 'b-medium', 'c-low']);
    expect(overdue.overdue).toBe(3);
  });

  it('takes a configured SLA table over the defaults for the jurisdiction that set it', () => {
    const patient: SlaConfig = structuredClone(DEFAULT_SLA);
    patient.peacetime.assign = { high: 10 * HOUR, medium: 10 * HOUR, low: 10 * HOUR };
    const rows = queue({ slaConfigs: [{ jurisdictionCode: COUNTY, config: patient }] }).window(
      { stages: ['assign'] },
      'deadline',
      0,
      10,
      at(AT(100)),
    ).rows;
    expect(rows.find((row) => row.id === 'a-high')!.sla).toBe('on-time');
    // The neighbouring county keeps the defaults: medium risk, 2 h, 20 minutes left.
    expect(rows.find((row) => row.id === 'e-neighbour')!.sla).toBe('due-soon');
  });

  it('pages through a long queue in a stable order', () => {
    const many = Array.from({ length: 2500 }, (_, i) =>
      incident(`n-${String(i).padStart(4, '0')}`, { updatedAt: addMinutes(T0, i % 7) }),
    );
    const long = queueOver(many).queue;
    const rules = at(AT(1));
    const pages = [0, 1000, 2000].flatMap((offset) =>
      long.window({}, 'updated', offset, 1000, rules).rows.map((row) => row.id),
    );
    expect(new Set(pages).size).toBe(2500);
    expect(pages).toEqual(long.all({}, 'updated', rules).map((row) => row.id));
  });
});

describe('exporting the queue', () => {
  const rows = queue().all({ stages: ['assign'] }, 'risk', at(AT(10)));

  it('writes CSV in UTF-8 with a byte-order mark and one line per incident', () => {
    const csv = exportQueue(rows, 'csv', new Date(T0));
    expect(csv.content.startsWith('\uFEFF编号 id,')).toBe(true);
    expect(csv.content.trim().split('\r\n')).toHaveLength(rows.length + 1);
    expect(csv.content).toContain('分流交办');
    expect(csv.fileName).toMatch(/^incidents-\d{12}\.csv$/);
  });

  it('writes GeoJSON points and KML placemarks with the text escaped', () => {
    const tricky = [{ ...rows[0]!, title: 'A & B <邻里> "纠纷"' }];
    const geojson = JSON.parse(exportQueue(tricky, 'geojson', new Date(T0)).content);
    expect(geojson.features[0].geometry).toEqual({ type: 'Point', coordinates: tricky[0]!.location });
    const kml = exportQueue(tricky, 'kml', new Date(T0)).content;
    expect(kml).toContain('<name>A &amp; B &lt;邻里&gt; &quot;纠纷&quot;</name>');
    expect(kml).toContain(`<coordinates>${tricky[0]!.location.join(',')}</coordinates>`);
  });
});

describe('a centre’s supervision list', () => {
  it('holds the cases escalated up to that centre for being overdue, and no others', () => {
    const escalatedTo = (to: string, level: number) => ({
      level,
      reason: 'overdue-at-stage' as const,
      stage: 'assign' as const,
      stageEnteredAt: T0,
      deadline: addMinutes(T0, 2 * HOUR),
      to,
      at: addMinutes(T0, 2 * HOUR + 1),
    });
    const township = `${COUNTY}001`;
    const cases = [
      incident('to-township', { escalations: [escalatedTo(township, 1)] }),
      incident('to-county', { escalations: [escalatedTo(township, 1), escalatedTo(COUNTY, 2)] }),
      incident('never-escalated', {}),
    ];
    const list = (code: string) =>
      queueOver(cases)
        .queue.window({ supervisedBy: code }, 'updated', 0, 10, at(AT(10)))
        .rows.map((row) => [row.id, row.escalationLevel]);
    expect(list(township)).toEqual([['to-township', 1]]);
    expect(list(COUNTY)).toEqual([['to-county', 2]]);
  });
});
