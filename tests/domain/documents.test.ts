import { describe, expect, it } from 'vitest';
import {
  addMinutes,
  draftRiskWarningLetter,
  draftSupervisionNotice,
  officialDocumentSchema,
  outstandingRisks,
  type Incident,
  type OutstandingRisk,
} from '../../src/domain';
import { T0, incidentIn } from './fixtures';

const DAY_MINUTES = 24 * 60;
/** Two days after the fixtures' incidents entered every stage. */
const LATER = addMinutes(T0, 2 * DAY_MINUTES);

function notice(incident: Incident, overrides: Partial<Parameters<typeof draftSupervisionNotice>[0]> = {}) {
  return draftSupervisionNotice({
    incident,
    unitNames: ['下关派出所', '司法所'],
    placeName: '龙溪社区',
    centreName: '大理市综治中心',
    deadline: addMinutes(T0, DAY_MINUTES),
    escalation: null,
    issued: { number: { centre: '532901', year: 2025, serial: 12 }, centreName: '大理市综治中心' },
    issuedAt: LATER,
    replyWithinDays: 3,
    ...overrides,
  });
}

describe('the supervision notice (督办通知书)', () => {
  it('names the units, the incident, how late it is and by when it must be finished', () => {
    const result = notice(incidentIn('resolve'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { document } = result;
    expect(officialDocumentSchema.parse(document)).toEqual(document);
    expect(document.title).toBe('督办通知书');
    expect(document.number).toBe('大理市综治督〔2025〕第12号');
    expect(document.addressee).toBe('下关派出所、司法所：');
    const text = document.paragraphs.join('');
    expect(text).toContain('“邻里宅基地边界纠纷”（邻里纠纷，中风险）');
    expect(text).toContain('龙溪社区（大理市某村三组）');
    // Due at 08:00 on 2 March China time, noticed at 08:00 on the 3rd: a day late.
    expect(text).toContain('已超过办理时限（2025年3月2日 8:00）1天');
    expect(document.requirements[0]).toBe(
      '请于2025年3月6日 8:00前办结，并将办理情况书面报送大理市综治中心。',
    );
    expect(document.date).toBe('2025年3月3日');
  });

  it('gives the escalation as the reason for an incident under supervision that is not late', () => {
    const result = notice(incidentIn('supervise'), {
      deadline: addMinutes(LATER, 60),
      escalation: { kind: 'by-operator', reason: '涉及多部门需协调' },
    });
    expect(result.ok && result.document.paragraphs.join('')).toContain('已升级督办，原因：涉及多部门需协调');
    expect(result.ok && result.document.paragraphs.join('')).not.toContain('已超过办理时限');
  });

  it('leaves the serial blank on a draft not yet issued, rather than invent one', () => {
    const result = notice(incidentIn('resolve'), { issued: null });
    expect(result.ok && result.document.number).toBe('大理市综治督〔2025〕第　号（下发时编号）');
  });

  it('quotes an overdue escalation: the stage, the deadline missed and the centre now supervising', () => {
    const result = notice(incidentIn('resolve'), {
      escalation: {
        kind: 'overdue',
        centreName: '下关镇综治中心',
        escalation: {
          level: 1,
          reason: 'overdue-at-stage',
          stage: 'resolve',
          stageEnteredAt: T0,
          deadline: addMinutes(T0, DAY_MINUTES),
          to: '532901001',
          at: addMinutes(T0, DAY_MINUTES + 5),
        },
      },
    });
    const text = result.ok ? result.document.paragraphs.join('') : '';
    expect(text).toContain('在“调处化解”环节超过办理时限（2025年3月2日 8:00）');
    expect(text).toContain('逐级升级至下关镇综治中心督办（第1级）');
  });

  it.each([
    {
      what: 'an incident neither overdue nor escalated',
      incident: incidentIn('resolve'),
      deadline: addMinutes(LATER, 60),
      units: ['司法所'],
      reason: /neither overdue nor escalated/,
    },
    {
      what: 'a closed incident',
      incident: incidentIn('closed'),
      deadline: null,
      units: ['司法所'],
      reason: /closed/,
    },
    {
      what: 'an incident with no unit yet',
      incident: incidentIn('assess'),
      deadline: T0,
      units: [],
      reason: /no unit/,
    },
  ])('is refused for $what, with the reason', ({ incident, deadline, units, reason }) => {
    const result = notice(incident, { deadline, unitNames: units });
    expect(result).toMatchObject({
      ok: false,
      code: 'precondition-failed',
      reason: expect.stringMatching(reason),
    });
  });
});

function openAt(overrides: Partial<Incident>, deadline: string | null = null) {
  return { incident: { ...incidentIn('resolve'), ...overrides }, deadline };
}

describe('the outstanding-risk list (突出矛盾风险清单)', () => {
  const now = Date.parse(LATER);
  const rows = outstandingRisks(
    [
      openAt({ id: 'medium-on-time' }, addMinutes(LATER, 60)),
      openAt({ id: 'medium-overdue', createdAt: addMinutes(T0, 10) }, T0),
      openAt({ id: 'high-new', riskLevel: 'high', createdAt: addMinutes(T0, 30) }, addMinutes(LATER, 60)),
      openAt({ id: 'high-old-overdue', riskLevel: 'high' }, T0),
      openAt({ id: 'low-overdue', riskLevel: 'low' }, T0),
      openAt({ id: 'ungraded', riskLevel: null }, T0),
      openAt({ id: 'medium-reopened', reopenCount: 1 }, addMinutes(LATER, 60)),
      { incident: { ...incidentIn('supervise'), id: 'medium-escalated' }, deadline: addMinutes(LATER, 60) },
      { incident: { ...incidentIn('closed'), id: 'high-closed', riskLevel: 'high' }, deadline: null },
    ],
    now,
  );

  it('holds the open high risks and the medium ones overdue, escalated or reopened, high and overdue first', () => {
    expect(rows.map((row) => row.incidentId)).toEqual([
      'high-old-overdue',
      'high-new',
      'medium-overdue',
      'medium-escalated',
      'medium-reopened',
    ]);
  });

  it('says why each risk is on it', () => {
    const reasons = Object.fromEntries(rows.map((row) => [row.incidentId, row.reasons]));
    expect(reasons).toEqual({
      'high-old-overdue': ['high', 'overdue'],
      'high-new': ['high'],
      'medium-overdue': ['overdue'],
      'medium-escalated': ['escalated'],
      'medium-reopened': ['reopened'],
    });
  });
});

describe('the risk warning letter (风险提示函)', () => {
  const risk = (
    id: string,
    riskLevel: 'high' | 'medium',
    reasons: OutstandingRisk['reasons'],
  ): OutstandingRisk => ({
    incidentId: id,
    title: `风险事项${id}`,
    category: 'land-and-forest',
    riskLevel,
    jurisdictionCode: '532901003001001',
    address: '大理市某村',
    stage: 'resolve',
    unitIds: ['unit-police'],
    createdAt: T0,
    deadline: T0,
    reasons,
  });

  it('counts and names every risk of the township, and numbers them in Chinese', () => {
    const result = draftRiskWarningLetter({
      addressee: '下关街道',
      relation: 'located-in',
      risks: [risk('1', 'high', ['high', 'overdue']), risk('2', 'medium', ['reopened'])],
      placeNames: { '532901003001': '龙溪社区' },
      centreName: '大理市综治中心',
      issuedAt: LATER,
      serial: '0007',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.number).toBe('大理市综治提〔2025〕0007号');
    expect(result.document.paragraphs[0]).toContain(
      '你辖区内矛盾纠纷和案事件中，目前有2件突出风险尚未化解，其中高风险1件、已超过办理时限1件',
    );
    expect(result.document.paragraphs[1]).toBe(
      '（一）风险事项1：龙溪社区，山林土地纠纷，高风险，现处“调处化解”环节，2025年3月1日发现，已超时。',
    );
    expect(result.document.paragraphs[2]).toContain('（二）风险事项2');
    expect(result.document.paragraphs[2]).toContain('回访不满意重新办理');
  });

  it('is refused when there is nothing to warn of', () => {
    const result = draftRiskWarningLetter({
      addressee: '司法所',
      relation: 'handled-by',
      risks: [],
      placeNames: {},
      centreName: '大理市综治中心',
      issuedAt: LATER,
      serial: '0008',
    });
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('no outstanding risk') });
  });
});
