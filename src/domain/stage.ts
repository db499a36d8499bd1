import { z } from 'zod';

/**
 * The seven stages of the dispute/case lifecycle standardised by Xishuangbanna's platform, plus the
 * terminal `closed`. An incident's stage is the step it is waiting on.
 */
export const STAGES = [
  'sense',
  'report',
  'assess',
  'assign',
  'resolve',
  'supervise',
  'followUp',
  'closed',
] as const;
export type Stage = (typeof STAGES)[number];
export const stageSchema = z.enum(STAGES);

export const STAGE_LABELS: Record<Stage, { zh: string; en: string }> = {
  sense: { zh: '排查感知', en: 'Sensing' },
  report: { zh: '发现上报', en: 'Reported' },
  assess: { zh: '研判分析', en: 'Assessment' },
  assign: { zh: '分流交办', en: 'Assignment' },
  resolve: { zh: '调处化解', en: 'Resolution' },
  supervise: { zh: '跟踪督办', en: 'Supervision' },
  followUp: { zh: '结果回访', en: 'Follow-up' },
  closed: { zh: '办结', en: 'Closed' },
};

/** Stages that run against a deadline: every stage but `closed`. */
export const TIMED_STAGES = [
  'sense',
  'report',
  'assess',
  'assign',
  'resolve',
  'supervise',
  'followUp',
] as const;
export type TimedStage = (typeof TIMED_STAGES)[number];
