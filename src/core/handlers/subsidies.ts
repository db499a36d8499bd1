import {
  chinaMonthBounds,
  computeSubsidies,
  DEFAULT_SUBSIDY_RATES,
  JURISDICTION_LEVELS,
  subsidyRatesSourceFor,
  type SubsidyMonth,
} from '../../domain';
import type { SubsidiesView } from '../contract/subsidies';
import { exportSubsidies } from '../subsidy/subsidy-export';
import type { CoreServices, HandlersFor } from './types';

type SubsidyMethods = 'subsidyRates.get' | 'subsidies.get' | 'subsidies.export';
type SubsidySources = Pick<CoreServices, 'queries' | 'session' | 'names'>;

/** A month's subsidy by case in scope; grids are named too, since each row is a grid worker's pay. */
function subsidiesOf(
  { queries, session, names }: SubsidySources,
  month: SubsidyMonth,
  scope: string | undefined,
): SubsidiesView {
  const { start, end } = chinaMonthBounds(month);
  const events = queries.subsidyEvents(start, end);
  const report = computeSubsidies({ events, scope: session.scoped(scope), month });
  const places = report.rows.flatMap((row) => [row.township, row.village, ...(row.grid ? [row.grid] : [])]);
  return { report, names: names.places([report.scope, ...places], JURISDICTION_LEVELS) };
}

/** The subsidy by case (以案定补): the rates in force, a month's report, and the report as a spreadsheet. */
export function subsidyHandlers(services: SubsidySources): HandlersFor<SubsidyMethods> {
  const { queries, session } = services;
  return {
    'subsidyRates.get': async () => {
      const source = subsidyRatesSourceFor(queries.subsidyRates(), session.ownScope());
      return {
        rates: source?.rates ?? DEFAULT_SUBSIDY_RATES,
        configuredAt: source?.jurisdictionCode ?? null,
      };
    },
    'subsidies.get': async ({ month, scope }) => subsidiesOf(services, month, scope),
    'subsidies.export': async ({ month, scope }) => {
      const { report, names } = subsidiesOf(services, month, scope);
      return exportSubsidies(report, names);
    },
  };
}
