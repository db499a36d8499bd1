import type { Satisfaction } from '../../../src/domain';
import type { OpenRiskGrade } from '../../../src/core/contract/figures';

/**
 * Okabe–Ito colours, which stay distinct under the common colour-blindnesses, on the wall's dark ground.
 * Every chart also labels what each colour stands for.
 */
export const RISK_COLOURS: Record<OpenRiskGrade, string> = {
  high: '#D55E00',
  medium: '#E69F00',
  low: '#56B4E9',
  ungraded: '#8EA0BD',
};

export const SATISFACTION_COLOURS: Record<Satisfaction, string> = {
  satisfied: '#009E73',
  'basically-satisfied': '#56B4E9',
  dissatisfied: '#D55E00',
};

/** Text that stays legible on each of those. */
export const SATISFACTION_TEXT_COLOURS: Record<Satisfaction, string> = {
  satisfied: '#FFFFFF',
  'basically-satisfied': '#0B1220',
  dissatisfied: '#FFFFFF',
};

export const CHART_COLOURS = {
  bar: '#4CC3FF',
  baseline: '#F0E442',
  text: '#E6EDF7',
  muted: '#8EA0BD',
  grid: '#22314D',
} as const;

/** Coverage beside the online rate: two Okabe–Ito colours apart from the risk and satisfaction ones. */
export const COVERAGE_COLOURS = {
  coverage: '#009E73',
  online: '#4CC3FF',
} as const;
