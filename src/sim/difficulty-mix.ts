import type { Difficulty, RiskLevel } from '../domain';
import type { Random } from '../regions/seeded-random';
import { pickWeighted } from './draw';

/**
 * How hard resolving a dispute turns out, by the risk it was graded at: a low-risk quarrel between neighbours
 * is mostly settled on the spot, a high-risk one more often takes several rounds of mediation.
 */
const DIFFICULTY_MIX: Record<RiskLevel, readonly (readonly [Difficulty, number])[]> = {
  high: [
    ['simple', 0.05],
    ['ordinary', 0.3],
    ['complex', 0.45],
    ['major', 0.2],
  ],
  medium: [
    ['simple', 0.2],
    ['ordinary', 0.5],
    ['complex', 0.25],
    ['major', 0.05],
  ],
  low: [
    ['simple', 0.55],
    ['ordinary', 0.4],
    ['complex', 0.05],
  ],
};

export function drawDifficulty(random: Random, riskLevel: RiskLevel): Difficulty {
  return pickWeighted(random, DIFFICULTY_MIX[riskLevel]);
}
