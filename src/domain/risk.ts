import { z } from 'zod';

/** Cases are graded high / medium / low and managed as lists (清单化管理). Most urgent first. */
export const RISK_LEVELS = ['high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const riskLevelSchema = z.enum(RISK_LEVELS);

/** Open incidents are not graded until assessment, so they have a risk column of their own. */
export const OPEN_RISK_GRADES = [...RISK_LEVELS, 'ungraded'] as const;
export type OpenRiskGrade = (typeof OPEN_RISK_GRADES)[number];

export const RISK_LABELS: Record<RiskLevel, { zh: string; en: string }> = {
  high: { zh: '高风险', en: 'High' },
  medium: { zh: '中风险', en: 'Medium' },
  low: { zh: '低风险', en: 'Low' },
};

/** 0 for the most urgent level, so sorting ascending puts high risk first. */
export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** A comparator for `Array.prototype.sort`: high before medium before low. */
export function compareRisk(a: RiskLevel, b: RiskLevel): number {
  return riskRank(a) - riskRank(b);
}

export function isMoreUrgent(level: RiskLevel, than: RiskLevel): boolean {
  return riskRank(level) < riskRank(than);
}
