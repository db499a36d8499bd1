import { DEFAULT_SLA, type Difficulty, type Mode, type RiskLevel, type Satisfaction } from '../domain';
import type { Random } from '../regions/seeded-random';
import { drawDifficulty } from './difficulty-mix';
import { between, chance, logNormal, pickWeighted } from './draw';

/**
 * One operator action in an incident's planned life, `after` simulated seconds after the previous one
 * (or after the incident was opened). What the hub decides stays the hub's: these are only intentions.
 */
export type Step = { after: number } & (
  | { action: 'report'; note: string }
  | { action: 'close'; reason: string }
  | { action: 'assess'; riskLevel: RiskLevel }
  | { action: 'assign'; unitIds: string[] }
  /** A late unit reports in only after its order's time to acknowledge has passed on the hub's clock. */
  | { action: 'acknowledge'; unitId: string; late: boolean; note: string }
  | { action: 'escalate'; reason: string }
  /** `onceOverdue`: the notice waits until the hub itself counts the incident overdue. */
  | { action: 'issueSupervisionNotice'; requirement: string; onceOverdue: boolean }
  | { action: 'resolve'; summary: string; difficulty: Difficulty; resolver: string | null }
  | { action: 'recordFollowUp'; satisfaction: Satisfaction; note: string }
);

export interface ScriptInput {
  riskLevel: RiskLevel;
  unitIds: string[];
  summary: string;
  /** The grid worker who mediates a dispute of the grid, by name; null for a case or a grid without a roll. */
  resolver: string | null;
  /** Whether the reporter left a phone number for the follow-up call. */
  canCallBack: boolean;
  /** A camera's alarm is checked against the footage first; some are false. */
  fromCamera: boolean;
  /** Wartime: the centre works to wartime deadlines. */
  mode: Mode;
}

const MINUTE = 60;
const HOUR = 3600;

const DISMISSED_SHARE = 0.04;
const FALSE_ALARM_SHARE = 0.25;
const ESCALATED_SHARE = 0.05;
const LEFT_OVERDUE_SHARE = 0.05;
const LATE_ACKNOWLEDGEMENT_SHARE = 0.1;

/** Median hours from the last unit reporting in to the resolution ("from 7 days to 1 day"). */
const RESOLUTION_HOURS: Record<Mode, Record<RiskLevel, number>> = {
  peacetime: { high: 3, medium: 6, low: 10 },
  wartime: { high: 2, medium: 3, low: 4 },
};

const FOLLOW_UP_VERDICTS: readonly (readonly [Satisfaction, number])[] = [
  ['satisfied', 0.8],
  ['basically-satisfied', 0.15],
  ['dissatisfied', 0.05],
];

const FOLLOW_UP_NOTES: Record<Satisfaction, string> = {
  satisfied: '电话回访，报告人对处理结果表示满意',
  'basically-satisfied': '电话回访，报告人基本满意',
  dissatisfied: '电话回访，报告人对处理结果不满意，要求重新处理',
};

function minutes(random: Random, median: number, sigma = 0.5): number {
  return Math.max(MINUTE, Math.round(logNormal(random, median, sigma) * MINUTE));
}

function acknowledgements(random: Random, unitIds: readonly string[], allowLate: boolean): Step[] {
  return unitIds.map((unitId) => {
    const late = allowLate && chance(random, LATE_ACKNOWLEDGEMENT_SHARE);
    return {
      after: minutes(random, 20, 0.7),
      action: 'acknowledge',
      unitId,
      late,
      note: late ? '因人员外出，延迟签收' : '已签收，安排专人办理',
    };
  });
}

function followUps(random: Random, input: ScriptInput, difficulty: Difficulty): Step[] {
  if (!input.canCallBack) {
    return [
      {
        after: minutes(random, 90),
        action: 'close',
        reason: '报告人未留联系方式，无法回访，办结归档',
      },
    ];
  }
  const satisfaction = pickWeighted(random, FOLLOW_UP_VERDICTS);
  const call: Step = {
    after: minutes(random, 120, 0.6),
    action: 'recordFollowUp',
    satisfaction,
    note: FOLLOW_UP_NOTES[satisfaction],
  };
  if (satisfaction !== 'dissatisfied') return [call];
  const second = chance(random, 0.7) ? 'satisfied' : 'basically-satisfied';
  return [
    call,
    {
      after: minutes(random, 8 * 60, 0.6),
      action: 'resolve',
      summary: `重新组织调处：${input.summary}`,
      difficulty,
      resolver: input.resolver,
    },
    {
      after: minutes(random, 120, 0.6),
      action: 'recordFollowUp',
      satisfaction: second,
      note: FOLLOW_UP_NOTES[second],
    },
  ];
}

/**
 * How the centre and the member units will handle one incident: assess within minutes, assign to one or
 * two units, units report in (some late), resolve, call back. A few are dismissed as duplicates, a few
 * stall and are escalated to supervision, and a few are left until they are overdue on the hub's clock.
 */
export function scriptFor(random: Random, input: ScriptInput): Step[] {
  const steps: Step[] = [];
  const urgent = input.mode === 'wartime';
  if (input.fromCamera) {
    if (chance(random, FALSE_ALARM_SHARE)) {
      return [
        { after: between(random, 2, 10) * MINUTE, action: 'close', reason: '调阅视频核实为误报，现场无异常' },
      ];
    }
    steps.push({
      after: between(random, 2, 10) * MINUTE,
      action: 'report',
      note: '已调阅视频核实，情况属实',
    });
  }
  const assessAfter = minutes(random, urgent ? 3 : 8);
  if (!urgent && chance(random, DISMISSED_SHARE)) {
    return [...steps, { after: assessAfter, action: 'close', reason: '经核实系重复上报，已并案处理' }];
  }
  steps.push({ after: assessAfter, action: 'assess', riskLevel: input.riskLevel });
  steps.push({
    after: between(random, ...((urgent ? [1, 5] : [2, 12]) as [number, number])) * MINUTE,
    action: 'assign',
    unitIds: input.unitIds,
  });

  const fate = random();
  if (fate < ESCALATED_SHARE) {
    const acknowledgeWithin = DEFAULT_SLA[input.mode].assign[input.riskLevel] * MINUTE;
    steps.push({
      after: acknowledgeWithin + between(random, 5, 60) * MINUTE,
      action: 'escalate',
      reason: '承办单位超时未签收，转入跟踪督办',
    });
    steps.push({
      after: between(random, 10, 40) * MINUTE,
      action: 'issueSupervisionNotice',
      requirement: '请承办单位立即签收，并于24小时内报告办理进展',
      onceOverdue: false,
    });
    steps.push(...acknowledgements(random, input.unitIds, false));
  } else if (fate < ESCALATED_SHARE + LEFT_OVERDUE_SHARE) {
    steps.push({
      after: between(random, 5, 30) * MINUTE,
      action: 'issueSupervisionNotice',
      requirement: '该事项已超期，请承办单位立即签收办理并书面说明超期原因',
      onceOverdue: true,
    });
    steps.push(...acknowledgements(random, input.unitIds, false));
  } else {
    steps.push(...acknowledgements(random, input.unitIds, true));
  }
  const difficulty = drawDifficulty(random, input.riskLevel);
  steps.push({
    after: Math.round(logNormal(random, RESOLUTION_HOURS[input.mode][input.riskLevel], 0.8) * HOUR),
    action: 'resolve',
    summary: input.summary,
    difficulty,
    resolver: input.resolver,
  });
  steps.push(...followUps(random, input, difficulty));
  return steps;
}
