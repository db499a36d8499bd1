import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  HEADLINE_FIGURES,
  RISK_LABELS,
  STAGE_LABELS,
  TIMED_STAGES,
  bulletinSchema,
  bulletinText,
  buildBriefing,
  chinaDayStart,
  draftBulletin,
  type Briefing,
  type Bulletin,
  type HeadlineFigure,
} from '../../src/domain';
import { COUNTY, UNITS, XIAGUAN, simulateDays } from '../support/simulated-days';

/**
 * The bulletin drafted from the briefing of a fixed simulated day: nine days of 大理市 ending 10 March 2026,
 * 太和街道 at war from 10:00 that day. Its figures are read back out of the text and held against the briefing.
 */
const DAY = '2026-03-10';
const log = simulateDays('briefing-week', DAY, 9);
const END_OF_DAY = chinaDayStart(DAY) + DAY_MS - 1;
const NAMES = {
  [COUNTY]: '大理市',
  [XIAGUAN]: '下关街道',
  '532901003001': '文献社区',
  '532901003002': '大关邑社区',
  '532901004001': '太和村',
  '532901004003': '阳平村',
};

function briefingOf(
  scope: string,
  now = END_OF_DAY,
  period: Briefing['period'] = 'day',
  day = DAY,
): Briefing {
  return buildBriefing({ events: log.events, scope, day, period, now });
}

function section(bulletin: Bulletin, heading: string): string {
  const found = bulletin.sections.find((s) => s.heading.endsWith(`、${heading}`));
  expect(found, heading).toBeDefined();
  return found!.paragraphs.join('\n');
}

const FIGURE_OF: Record<string, HeadlineFigure> = {
  新增矛盾纠纷和案事件: 'arrivals',
  研判高风险事项: 'highRisk',
  调处化解事项: 'resolved',
  办结事项: 'closed',
  在办事项: 'open',
  超时未办结事项: 'overdue',
};
/** A figure of a daily bulletin, with its change on the day before and its place against the 7-day mean. */
const CLAUSE =
  /(新增矛盾纠纷和案事件|研判高风险事项|调处化解事项|超时未办结事项|办结事项|在办事项)(\d+)件，(?:较前一日(增加|减少)(\d+)件|与前一日持平)，(?:(高于|低于)近7日日均|与近7日日均持平)（(\d+(?:\.\d)?)件）/g;

describe('the bulletin drafted from a day’s briefing in wartime', () => {
  const briefing = briefingOf(COUNTY);
  const bulletin = draftBulletin(briefing, NAMES);

  it('is titled for the centre and the day, with the wartime section before the requirements', () => {
    expect(bulletinSchema.parse(bulletin)).toEqual(bulletin);
    expect(bulletin.title).toBe('大理市综治中心每日通报（2026年3月10日）');
    expect(bulletin.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、重大风险',
      '三、超时未办结',
      '四、战时指令签收',
      '五、工作要求',
    ]);
  });

  it('states each headline figure exactly, against the day before and the 7-day mean, and no other number', () => {
    const overview = section(bulletin, '总体情况');
    const seen = new Set<HeadlineFigure>();
    for (const match of overview.matchAll(CLAUSE)) {
      const figure = FIGURE_OF[match[1]!]!;
      const line = briefing.headline.find((l) => l.figure === figure)!;
      const current = Number(match[2]);
      const delta = match[3] ? (match[3] === '增加' ? 1 : -1) * Number(match[4]) : 0;
      const mean = Number(match[6]);
      expect(current, figure).toBe(line.current);
      expect(delta, figure).toBe(line.current - line.previous!);
      expect(mean, figure).toBe(Math.round(line.baselineMean! * 10) / 10);
      expect(match[5] ?? '持平', figure).toBe(current > mean ? '高于' : current < mean ? '低于' : '持平');
      seen.add(figure);
    }
    expect([...seen].sort()).toEqual([...HEADLINE_FIGURES].sort());
    expect(overview).toContain('全市共新增矛盾纠纷和案事件');
    expect(overview.replace(CLAUSE, '').replaceAll('截至3月10日24时', '')).not.toMatch(/\d/);
  });

  it('lists the top risks with their village, grade and stage in Chinese, marking those overdue', () => {
    const text = section(bulletin, '重大风险');
    const paragraphs = bulletin.sections[1]!.paragraphs;
    expect(paragraphs).toHaveLength(briefing.topRisks.length + 1);
    for (const grade of ['high', 'medium', 'low'] as const) {
      const open = TIMED_STAGES.reduce((sum, stage) => sum + briefing.open.byStage[stage][grade], 0);
      expect(text).toContain(`${RISK_LABELS[grade].zh}事项${open}件`);
    }
    briefing.topRisks.forEach((risk, index) => {
      const item = paragraphs[index + 1]!;
      const village = NAMES[risk.jurisdictionCode.slice(0, 12) as keyof typeof NAMES];
      expect(item).toContain(`${risk.title}（${village}）`);
      expect(item).toContain(RISK_LABELS[risk.riskLevel!].zh);
      expect(item).toContain(`处于${STAGE_LABELS[risk.stage].zh}环节`);
      expect(item.includes('已超时'), risk.id).toBe(risk.overdue);
    });
    expect(briefing.topRisks.some((risk) => risk.overdue)).toBe(true);
  });

  it('counts the overdue per responsible unit by name, and those not yet assigned as 未派单', () => {
    const text = section(bulletin, '超时未办结');
    const overdue = briefing.headline.find((l) => l.figure === 'overdue')!.current;
    expect(text).toContain(`超时未办结事项${overdue}件`);
    expect(briefing.overdueByUnit.length).toBeGreaterThan(1);
    for (const row of briefing.overdueByUnit) {
      const name = row.unitId === null ? '未派单' : UNITS.find((unit) => unit.id === row.unitId)!.name;
      expect(text).toContain(`${name}${row.count}件`);
    }
  });

  it('reports the wartime orders, the acknowledgement rate, and each unit short of every order', () => {
    const text = section(bulletin, '战时指令签收');
    const orders = briefing.orders!;
    expect(orders.issued).toBeGreaterThan(0);
    const rate = Math.floor((orders.acknowledged / orders.issued) * 1000) / 10;
    expect(text).toContain(
      `当日共下发战时调度指令${orders.issued}条，已签收${orders.acknowledged}条，签收率${rate}%；超时签收或逾期未签收${orders.late}条。`,
    );
    for (const unit of orders.byUnit)
      expect(text.includes(`${unit.unitName}${Math.floor(unit.rate * 1000) / 10}%`), unit.unitId).toBe(
        unit.acknowledged < unit.issued,
      );
  });

  it('requires the overdue units by name to finish within a set time, and wartime duty', () => {
    const text = section(bulletin, '工作要求');
    const named = briefing.overdueByUnit.filter((row) => row.unitId !== null).map((row) => row.unitName);
    expect(text).toContain(`${named.join('、')}要对超时未办结事项限期办结`);
    expect(text).toContain('24小时值班值守');
    expect(bulletin.sections.at(-1)!.paragraphs[0]).toMatch(/^（一）/);
  });

  it('renders as plain text: the title, then each heading with its paragraphs indented', () => {
    const text = bulletinText(bulletin);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe(bulletin.title);
    for (const { heading, paragraphs } of bulletin.sections) {
      const at = lines.indexOf(heading);
      expect(at, heading).toBeGreaterThan(0);
      expect(lines.slice(at + 1, at + 1 + paragraphs.length)).toEqual(
        paragraphs.map((p) => `\u3000\u3000${p}`),
      );
    }
  });
});

describe('the bulletin of other briefings', () => {
  it('in peacetime has no wartime section, and its requirements come fourth', () => {
    const bulletin = draftBulletin(briefingOf(XIAGUAN), NAMES);
    expect(bulletin.title).toBe('下关街道综治中心每日通报（2026年3月10日）');
    expect(bulletin.sections.map((s) => s.heading)).toEqual([
      '一、总体情况',
      '二、重大风险',
      '三、超时未办结',
      '四、工作要求',
    ]);
    expect(section(bulletin, '总体情况')).toContain('全街道共新增');
    expect(bulletinText(bulletin)).not.toContain('战时');
    // The units registered for the whole county serve the township too, and are named as such.
    expect(bulletinText(bulletin)).not.toContain('unit-');
  });

  it('for the day in progress, says when its figures stand', () => {
    const now = Date.parse('2026-03-10T15:20:00+08:00');
    const overview = section(draftBulletin(briefingOf(COUNTY, now), NAMES), '总体情况');
    expect(overview).toMatch(/^当日（截至3月10日15时20分），全市共新增/);
    expect(overview).toContain('截至3月10日15时20分，全市在办事项');
  });

  it('names a week, a month and a quarter by their dates and compares them with their own baseline', () => {
    const week = draftBulletin(briefingOf(COUNTY, END_OF_DAY, 'week'), NAMES);
    expect(week.title).toBe('大理市综治中心每周分析（2026年3月9日至3月15日）');
    expect(section(week, '总体情况')).toMatch(
      /^本周（截至3月10日24时），全市共新增矛盾纠纷和案事件\d+件，(较上周|与上周持平)/,
    );
    expect(section(week, '总体情况')).toContain('近4周周均');
    expect(section(week, '战时指令签收')).toMatch(/^本周共下发战时调度指令/);

    const month = draftBulletin(briefingOf(COUNTY, END_OF_DAY, 'month'), NAMES);
    expect(month.title).toBe('大理市综治中心每月调度（2026年3月1日至3月31日）');
    expect(section(month, '总体情况')).toContain('近3个月月均');

    const quarter = draftBulletin(briefingOf(COUNTY, END_OF_DAY, 'quarter'), NAMES);
    expect(quarter.title).toBe('大理市综治中心每季通报（2026年1月1日至3月31日）');
    expect(section(quarter, '总体情况')).toContain('近4个季度季均');
  });

  it('writes both years of a week across the new year, says when nothing is at risk or overdue, and that weeks before the log have no data', () => {
    const quiet = buildBriefing({
      events: log.events,
      scope: COUNTY,
      day: '2026-01-01',
      period: 'week',
      now: END_OF_DAY,
    });
    const bulletin = draftBulletin(quiet, NAMES);
    expect(bulletin.title).toBe('大理市综治中心每周分析（2025年12月29日至2026年1月4日）');
    expect(section(bulletin, '总体情况')).toContain('新增矛盾纠纷和案事件0件，上周无数据，近4周周均无数据');
    expect(section(bulletin, '重大风险')).toBe('截至1月4日24时，无已研判的在办风险事项。');
    expect(section(bulletin, '超时未办结')).toBe('截至1月4日24时，无超时未办结事项。');
    expect(section(bulletin, '工作要求')).not.toContain('限期办结');
  });

  it('falls back to the code for a place without a name', () => {
    const briefing = briefingOf(COUNTY);
    const bulletin = draftBulletin(briefing, {});
    expect(bulletin.title).toBe('532901综治中心每日通报（2026年3月10日）');
    expect(section(bulletin, '总体情况')).toContain('532901共新增');
    const first = briefing.topRisks[0]!;
    expect(bulletin.sections[1]!.paragraphs[1]).toContain(`（${first.jurisdictionCode.slice(0, 12)}）`);
  });
});
