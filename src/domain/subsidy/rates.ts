import { z } from 'zod';
import { DIFFICULTIES } from '../difficulty';
import { slaSourceFor } from '../sla';
import { wording } from '../wording';

/** The ceiling guards against a slip of the keyboard: the practice quoted pays 30 to 500 yuan a case. */
export const MAX_RATE_YUAN = 10_000;

const yuanSchema = z
  .number()
  .int('a rate is whole yuan')
  .min(0, 'a rate is not negative')
  .max(MAX_RATE_YUAN, `a rate is at most ${MAX_RATE_YUAN} yuan a case`);

/** Yuan paid for each resolved dispute, by its difficulty: what a jurisdiction sets for itself and below. */
export const subsidyRatesSchema = z
  .object({ simple: yuanSchema, ordinary: yuanSchema, complex: yuanSchema, major: yuanSchema })
  .strict()
  .superRefine((rates, ctx) => {
    DIFFICULTIES.slice(1).forEach((difficulty, i) => {
      if (rates[difficulty] < rates[DIFFICULTIES[i]!]) {
        ctx.addIssue({
          code: 'custom',
          path: [difficulty],
          message: `a harder case never earns less: ${difficulty} ≥ ${DIFFICULTIES[i]}`,
          params: { words: wording('subsidyHarderEarnsLess', { difficulty, easier: DIFFICULTIES[i]! }) },
        });
      }
    });
  });
export type SubsidyRates = z.infer<typeof subsidyRatesSchema>;

/** Where nobody above has set rates: the span of the Guizhou practice, 30 to 500 yuan a case. */
export const DEFAULT_SUBSIDY_RATES: SubsidyRates = { simple: 30, ordinary: 100, complex: 300, major: 500 };

/** A jurisdiction's own rates, as configured; they apply to it and below until a lower one sets its own. */
export interface ConfiguredSubsidyRates {
  jurisdictionCode: string;
  rates: SubsidyRates;
}

/** The rates that apply in `code`: by the same nearest-above rule as the SLA tables. */
export function subsidyRatesSourceFor(
  configured: readonly ConfiguredSubsidyRates[],
  code: string,
): ConfiguredSubsidyRates | undefined {
  return slaSourceFor(configured, code);
}

export function subsidyRatesInForce(
  configured: readonly ConfiguredSubsidyRates[],
  code: string,
): SubsidyRates {
  return subsidyRatesSourceFor(configured, code)?.rates ?? DEFAULT_SUBSIDY_RATES;
}
