import { z } from 'zod';
import { CHINA_OFFSET_MS, DAY_MS, chinaDayOf, chinaMinuteOfDay, type ChinaDay } from '../china-day';
import { CODE_LENGTH } from '../jurisdiction';
import { RISK_LABELS, RISK_LEVELS } from '../risk';
import { STAGE_LABELS, TIMED_STAGES } from '../stage';
import type { Briefing, HeadlineFigure } from './briefing-schema';
import { BASELINE_PERIODS, periodEnd, type BriefingPeriod } from './period';

/** A bulletin (通报) drafted from a briefing: a title and numbered sections of paragraphs, ready to edit. */
export const bulletinSchema = z.object({
  title: z.string().min(1),
  sections: z
    .array(z.object({ heading: z.string().min(1), paragraphs: z.array(z.string().min(1)).min(1) }))
    .min(1),
});
export type Bulletin = z.infer<typeof bulletinSchema>;
type BulletinSection = Bulletin['sections'][number];

interface PeriodWords {
  /** The bulletin's name in its title. */
  kind: string;
  /** The period itself, as the text refers to it. */
  span: string;
  previous: string;
  baseline: string;
}

const PERIOD_WORDS: Record<BriefingPeriod, PeriodWords> = {
  day: { kind: '每日通报', span: '当日', previous: '前一日', baseline: `近${BASELINE_PERIODS.day}日日均` },
  week: { kind: '每周分析', span: '本周', previous: '上周', baseline: `近${BASELINE_PERIODS.week}周周均` },
  month: {
    kind: '每月调度',
    span: '本月',
    previous: '上月',
    baseline: `近${BASELINE_PERIODS.month}个月月均`,
  },
  quarter: {
    kind: '每季通报',
    span: '本季度',
    previous: '上季度',
    baseline: `近${BASELINE_PERIODS.quarter}个季度季均`,
  },
};

const FIGURE_WORDS: Record<HeadlineFigure, string> = {
  arrivals: '新增矛盾纠纷和案事件',
  highRisk: '研判高风险事项',
  resolved: '调处化解事项',
  closed: '办结事项',
  open: '在办事项',
  overdue: '超时未办结事项',
};

/** Where a bulletin would name the responsible unit of an overdue incident that has none yet. */
const UNASSIGNED = '未派单';
const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Official writing speaks of its own jurisdiction as 全市, 全县, 全街道… by the kind its name ends with. */
const AREA_KINDS = ['街道', '社区', '州', '市', '县', '区', '旗', '镇', '乡', '村'];
/** 公文 paragraphs open with a two-character indent. */

function chineseDate(day: ChinaDay, withYear = true): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${withYear ? `${year}年` : ''}${month}月${date}日`;
}

function chineseRange(from: ChinaDay, until: ChinaDay): string {
  return `${chineseDate(from)}至${chineseDate(until, from.slice(0, 4) !== until.slice(0, 4))}`;
}

/** "3月10日24时" at the very end of a day, "3月10日15时20分" during it. */
function chineseInstant(ms: number): string {
  const day = chineseDate(chinaDayOf(ms), false);
  if ((ms + 1 + CHINA_OFFSET_MS) % DAY_MS === 0) return `${day}24时`;
  const minutes = chinaMinuteOfDay(ms);
  return `${day}${Math.floor(minutes / 60)}时${minutes % 60 ? `${minutes % 60}分` : ''}`;
}

/** A mean to one decimal, without a trailing ".0". */
function roundedMean(mean: number): number {
  return Math.round(mean * 10) / 10;
}

/** A rate as a percentage to one decimal, rounded down so that anything short of all never reads 100. */
function percent(rate: number): string {
  return String(Math.floor(rate * 1000) / 10);
}

function wholeOf(name: string): string {
  const kind = AREA_KINDS.find((suffix) => name.endsWith(suffix));
  return kind ? `全${kind}` : name;
}

function numbered(items: readonly string[]): string[] {
  return items.map((item, index) => `（${SECTION_NUMERALS[index] ?? index + 1}）${item}`);
}

/**
 * One figure against the period before and the baseline mean, e.g. 新增…42件，较前一日增加5件，高于近7日日均（37.4件）;
 * a period the log does not reach back to is said to have no data, never taken as zero.
 */
function figureClause(briefing: Briefing, figure: HeadlineFigure): string {
  const words = PERIOD_WORDS[briefing.period];
  const { current, previous, baselineMean } = briefing.headline.find((line) => line.figure === figure)!;
  return `${FIGURE_WORDS[figure]}${current}件，${versusPrevious(current, previous, words)}，${versusMean(current, baselineMean, words)}`;
}

function versusPrevious(current: number, previous: number | null, words: PeriodWords): string {
  if (previous === null) return `${words.previous}无数据`;
  const delta = current - previous;
  return delta === 0
    ? `与${words.previous}持平`
    : `较${words.previous}${delta > 0 ? '增加' : '减少'}${Math.abs(delta)}件`;
}

function versusMean(current: number, baselineMean: number | null, words: PeriodWords): string {
  if (baselineMean === null) return `${words.baseline}无数据`;
  // Compared with the mean as printed, so the text never says "higher than" beside an equal number.
  const mean = roundedMean(baselineMean);
  return current === mean
    ? `与${words.baseline}持平（${mean}件）`
    : `${current > mean ? '高于' : '低于'}${words.baseline}（${mean}件）`;
}

interface DraftContext {
  briefing: Briefing;
  words: PeriodWords;
  whole: string;
  /** "截至3月10日24时". */
  asOf: string;
  place: (code: string) => string;
}

function overview({ briefing, words, whole, asOf }: DraftContext): BulletinSection {
  const inProgress = Date.parse(briefing.asOf) < periodEnd(briefing) - 1;
  const lead = inProgress ? `${words.span}（${asOf}）` : words.span;
  const flows = (['highRisk', 'resolved', 'closed'] as const).map((figure) => figureClause(briefing, figure));
  return {
    heading: '总体情况',
    paragraphs: [
      `${lead}，${whole}共${[figureClause(briefing, 'arrivals'), ...flows].join('；')}。`,
      `${asOf}，${whole}${figureClause(briefing, 'open')}；其中${figureClause(briefing, 'overdue')}。`,
    ],
  };
}

function majorRisks({ briefing, asOf, place }: DraftContext): BulletinSection {
  if (briefing.topRisks.length === 0)
    return { heading: '重大风险', paragraphs: [`${asOf}，无已研判的在办风险事项。`] };
  const openByRisk = RISK_LEVELS.map((level) => {
    const count = TIMED_STAGES.reduce((sum, stage) => sum + briefing.open.byStage[stage][level], 0);
    return `${RISK_LABELS[level].zh}事项${count}件`;
  });
  const risks = briefing.topRisks.map((risk) => {
    const village = place(risk.jurisdictionCode.slice(0, CODE_LENGTH.village));
    const level = risk.riskLevel ? RISK_LABELS[risk.riskLevel].zh : '未研判';
    const overdue = risk.overdue ? '，已超时' : '';
    return `${risk.title}（${village}），${level}，处于${STAGE_LABELS[risk.stage].zh}环节${overdue}。`;
  });
  return {
    heading: '重大风险',
    paragraphs: [
      `${asOf}，在办${openByRisk.join('、')}。按风险等级和受理先后，列前${risks.length}位如下：`,
      ...numbered(risks),
    ],
  };
}

function overdueUnitName(row: Briefing['overdueByUnit'][number]): string {
  return row.unitId === null ? UNASSIGNED : (row.unitName ?? row.unitId);
}

function overdueByUnit({ briefing, asOf }: DraftContext): BulletinSection {
  const total = briefing.headline.find((line) => line.figure === 'overdue')!.current;
  if (briefing.overdueByUnit.length === 0)
    return { heading: '超时未办结', paragraphs: [`${asOf}，无超时未办结事项。`] };
  const rows = briefing.overdueByUnit.map((row) => `${overdueUnitName(row)}${row.count}件`);
  // An incident given to several units is overdue at each of them, so the units' counts can add up to more.
  const counted = briefing.overdueByUnit.reduce((sum, row) => sum + row.count, 0);
  const note = counted > total ? '（交办多个单位的事项分别计入各单位）' : '';
  return {
    heading: '超时未办结',
    paragraphs: [`${asOf}，超时未办结事项${total}件，按责任单位统计：${rows.join('，')}${note}。`],
  };
}

function unitsBelowFullAcknowledgement(orders: NonNullable<Briefing['orders']>) {
  return orders.byUnit.filter((unit) => unit.acknowledged < unit.issued);
}

function wartimeOrders({ words }: DraftContext, orders: NonNullable<Briefing['orders']>): BulletinSection {
  const heading = '战时指令签收';
  if (orders.issued === 0) return { heading, paragraphs: [`${words.span}未下发战时调度指令。`] };
  const lagging = unitsBelowFullAcknowledgement(orders).map(
    (unit) => `${unit.unitName}${percent(unit.rate)}%（已签收${unit.acknowledged}条/共${unit.issued}条）`,
  );
  return {
    heading,
    paragraphs: [
      `${words.span}共下发战时调度指令${orders.issued}条，已签收${orders.acknowledged}条，签收率` +
        `${percent(orders.acknowledged / orders.issued)}%；超时签收或逾期未签收${orders.late}条。`,
      lagging.length > 0 ? `签收率未达100%的单位：${lagging.join('，')}。` : '各单位均已全部签收。',
    ],
  };
}

/** Standing requirements, with those the figures call for: high risks, overdue units, a rise, wartime. */
function requirements({ briefing, words }: DraftContext): BulletinSection {
  const items = [
    '各地各部门要持续深化矛盾纠纷排查化解，做到早发现、早报告、早处置，防止小事拖大、大事拖炸。',
  ];
  if (briefing.topRisks.some((risk) => risk.riskLevel === 'high'))
    items.push('对在办高风险事项，责任单位要逐件落实包案领导和化解措施，防止矛盾激化升级。');
  const overdueUnits = briefing.overdueByUnit.filter((row) => row.unitId !== null).map(overdueUnitName);
  if (overdueUnits.length > 0)
    items.push(
      `${overdueUnits.join('、')}要对超时未办结事项限期办结，并及时向综治中心反馈办理情况，综治中心将跟踪督办。`,
    );
  if (briefing.overdueByUnit.some((row) => row.unitId === null))
    items.push('对尚未派单的超时事项，综治中心要即时研判、分流交办。');
  const arrivals = briefing.headline.find((line) => line.figure === 'arrivals')!;
  const rose = (than: number | null) => than !== null && arrivals.current > than;
  if (rose(arrivals.previous) && arrivals.baselineMean !== null && rose(roundedMean(arrivals.baselineMean)))
    items.push(
      `${words.span}新增事项高于${words.previous}和${words.baseline}水平，各地要加强研判预警，查明增长原因，落实针对性防范措施。`,
    );
  if (briefing.orders) {
    const lagging = unitsBelowFullAcknowledgement(briefing.orders).map((unit) => unit.unitName);
    if (lagging.length > 0)
      items.push(`${lagging.join('、')}要立即签收战时调度指令并反馈处置进展，确保指令落实到位。`);
    items.push('战时状态下，各单位要严格落实24小时值班值守，确保指令即时签收、即时处置。');
  }
  return { heading: '工作要求', paragraphs: numbered(items) };
}

/**
 * The bulletin (通报) of a briefing in the style of a government bulletin: 总体情况, 重大风险, 超时未办结,
 * 战时指令签收 in wartime only, and 工作要求. `names` gives jurisdictions' names by code (the scope's and the
 * villages'); a code without a name is written as the code.
 */
export function draftBulletin(briefing: Briefing, names: Readonly<Record<string, string>>): Bulletin {
  const place = (code: string) => names[code] ?? code;
  const scopeName = place(briefing.scope);
  const words = PERIOD_WORDS[briefing.period];
  const context: DraftContext = {
    briefing,
    words,
    whole: wholeOf(scopeName),
    asOf: `截至${chineseInstant(Date.parse(briefing.asOf))}`,
    place,
  };
  const dates =
    briefing.period === 'day' ? chineseDate(briefing.day) : chineseRange(briefing.from, briefing.until);
  const sections = [overview(context), majorRisks(context), overdueByUnit(context)];
  if (briefing.orders) sections.push(wartimeOrders(context, briefing.orders));
  sections.push(requirements(context));
  return {
    title: `${scopeName}综治中心${words.kind}（${dates}）`,
    sections: sections.map((section, index) => ({
      ...section,
      heading: `${SECTION_NUMERALS[index]}、${section.heading}`,
    })),
  };
}

/** A paragraph's first-line indent in Chinese official documents: two full-width spaces. */
const PARAGRAPH_INDENT = '\u3000\u3000';

/** The text of a drafted bulletin below its title, as the operator edits it: each heading, then its paragraphs. */
export function bulletinBody(bulletin: Bulletin): string {
  return bulletin.sections
    .flatMap((section) => [
      section.heading,
      ...section.paragraphs.map((paragraph) => PARAGRAPH_INDENT + paragraph),
    ])
    .join('\n');
}

/** The bulletin as plain text: the title, a blank line, then each heading and its indented paragraphs. */
export function bulletinText(bulletin: Bulletin): string {
  return `${bulletin.title}\n\n${bulletinBody(bulletin)}\n`;
}
