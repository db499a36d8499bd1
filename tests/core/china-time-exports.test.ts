import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/core/contract/queue';
import { riskListCsv } from '../../src/core/documents/risk-list-export';
import { exportQueue } from '../../src/core/queue/queue-export';
import { chinaDateTime, chinaFileStamp, chinaIsoTime, type OutstandingRisk } from '../../src/domain';
import { newIncidentId } from '../../src/hub/ingest/incident-id';

/** 01:30 on 2 March in China: still 1 March in UTC. */
const LATE_EVENING_UTC = '2026-03-01T17:30:00.000Z';
const UTC_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z/;

const row: QueueRow = {
  id: '20260302-ABCDEF',
  title: '邻里纠纷',
  kind: 'dispute',
  category: 'neighbourhood',
  source: 'grid-worker',
  stage: 'assign',
  riskLevel: 'high',
  jurisdictionCode: '532901001001',
  address: '大理镇南门村',
  location: [100.16, 25.69],
  createdAt: LATE_EVENING_UTC,
  updatedAt: '2026-03-01T18:00:00.000Z',
  deadline: '2026-03-02T04:00:00.000Z',
  sla: 'on-time',
  assignedUnitIds: ['unit-1'],
} as unknown as QueueRow;

describe('China time in what a person reads', () => {
  it('numbers an incident reported at 17:30 UTC on 1 March with 2 March, its day in China', () => {
    expect(newIncidentId(LATE_EVENING_UTC)).toMatch(/^20260302-[A-Z2-9]{6}$/);
    expect(newIncidentId('2026-03-01T15:59:59.000Z')).toMatch(/^20260301-/);
  });

  it('writes instants in China time with the offset', () => {
    expect(chinaIsoTime(LATE_EVENING_UTC)).toBe('2026-03-02T01:30:00+08:00');
    expect(Date.parse(chinaIsoTime(LATE_EVENING_UTC))).toBe(Date.parse(LATE_EVENING_UTC));
    expect(chinaDateTime(LATE_EVENING_UTC)).toBe('2026-03-02 01:30');
    expect(chinaFileStamp(LATE_EVENING_UTC)).toBe('202603020130');
  });

  it.each(['csv', 'geojson', 'kml'] as const)('exports the queue as %s in China time, +08:00', (format) => {
    const exported = exportQueue([row], format, new Date(LATE_EVENING_UTC));
    expect(exported.fileName).toBe(`incidents-202603020130.${format}`);
    expect(exported.content).toContain('2026-03-02T01:30:00+08:00');
    expect(exported.content).toContain('2026-03-02T02:00:00+08:00');
    expect(exported.content).toContain('2026-03-02T12:00:00+08:00');
    expect(exported.content).not.toMatch(UTC_TIME);
  });

  it('writes the outstanding-risk list in China time', () => {
    const risk = {
      incidentId: row.id,
      title: row.title,
      category: 'neighbourhood',
      jurisdictionCode: row.jurisdictionCode,
      address: row.address,
      riskLevel: 'high',
      stage: 'assign',
      unitIds: [],
      createdAt: LATE_EVENING_UTC,
      deadline: '2026-03-02T04:00:00.000Z',
      reasons: ['high'],
    } as unknown as OutstandingRisk;
    const csv = riskListCsv([risk], {}, '大理市', Date.parse(LATE_EVENING_UTC));
    expect(csv.content).toContain('2026-03-02 01:30');
    expect(csv.content).toContain('2026-03-02 12:00');
    expect(csv.content).not.toMatch(UTC_TIME);
    expect(csv.fileName).toBe('大理市突出矛盾风险清单-2026-03-02.csv');
  });
});
