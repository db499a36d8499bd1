import { z } from 'zod';

/**
 * How hard a dispute was to resolve, graded when it is resolved: the subsidy by case (以案定补) pays each
 * resolved dispute by this grade, "30 to 500 yuan a case by difficulty". Easiest first.
 */
export const DIFFICULTIES = ['simple', 'ordinary', 'complex', 'major'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
export const difficultySchema = z.enum(DIFFICULTIES);

export const DIFFICULTY_LABELS: Record<Difficulty, { zh: string; en: string }> = {
  simple: { zh: '简易', en: 'Simple' },
  ordinary: { zh: '一般', en: 'Ordinary' },
  complex: { zh: '复杂', en: 'Complex' },
  major: { zh: '重大疑难', en: 'Major' },
};
