import { z } from 'zod';
import { isWithin, jurisdictionCodeSchema } from './jurisdiction';
import { reasonSchema } from './text';
import { isoDateTimeSchema } from './time';

/** 平战结合: a jurisdiction runs in peacetime until a commander puts it on a war footing, and back. */
export const MODES = ['peacetime', 'wartime'] as const;
export type Mode = (typeof MODES)[number];
export const modeSchema = z.enum(MODES);

export const MODE_LABELS: Record<Mode, { zh: string; en: string }> = {
  peacetime: { zh: '平时', en: 'Peacetime' },
  wartime: { zh: '战时', en: 'Wartime' },
};

export const modeStateSchema = z.object({
  jurisdictionCode: jurisdictionCodeSchema,
  mode: modeSchema,
  since: isoDateTimeSchema,
  reason: reasonSchema,
  /** The operator id of the commander who switched. */
  switchedBy: z.string().min(1),
});
export type ModeState = z.infer<typeof modeStateSchema>;

/**
 * The meetings a centre holds: peacetime's "four nodes" (周分析、月调度、季通报、年考核) and
 * wartime's daily rhythm (每日研判、每日调度、每日通报). Wartime analysis is 研判, the same judgement
 * that grades incidents, hence `assessment`; the yearly 考核 grades the units, hence `evaluation`.
 */
export const CADENCE_ACTIVITIES = ['analysis', 'assessment', 'dispatch', 'bulletin', 'evaluation'] as const;
export type CadenceActivity = (typeof CADENCE_ACTIVITIES)[number];

export const CADENCE_PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type CadencePeriod = (typeof CADENCE_PERIODS)[number];

export interface Cadence {
  activity: CadenceActivity;
  every: CadencePeriod;
  zh: string;
}

export const CADENCES: Record<Mode, readonly Cadence[]> = {
  peacetime: [
    { activity: 'analysis', every: 'week', zh: '周分析' },
    { activity: 'dispatch', every: 'month', zh: '月调度' },
    { activity: 'bulletin', every: 'quarter', zh: '季通报' },
    { activity: 'evaluation', every: 'year', zh: '年考核' },
  ],
  wartime: [
    { activity: 'assessment', every: 'day', zh: '每日研判' },
    { activity: 'dispatch', every: 'day', zh: '每日调度' },
    { activity: 'bulletin', every: 'day', zh: '每日通报' },
  ],
};

/** What else changes on a war footing: the forces are assembled and the units sit together. */
export const WARTIME_POSTURE = [
  { key: 'forces-assembled', zh: '力量集结', en: 'Forces assembled' },
  { key: 'joint-office', zh: '合署办公', en: 'Joint office' },
] as const;

/**
 * The mode an area works in: wartime if it or any jurisdiction above it has switched to wartime,
 * since a county cannot stand down while its prefecture is mobilised. Peacetime otherwise, including
 * where nobody has ever switched.
 */
export function modeInForce(states: readonly ModeState[], code: string): Mode {
  const mobilised = states.some(
    (state) => state.mode === 'wartime' && isWithin(code, state.jurisdictionCode),
  );
  return mobilised ? 'wartime' : 'peacetime';
}

/**
 * When wartime's daily cycle happens, local time: assess the night's reports first thing, dispatch on the
 * assessment, and issue the bulletin before the day shift hands over.
 */
export const WARTIME_DAY: readonly { activity: CadenceActivity; at: string }[] = [
  { activity: 'assessment', at: '08:30' },
  { activity: 'dispatch', at: '09:00' },
  { activity: 'bulletin', at: '17:30' },
];
