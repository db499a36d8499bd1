import { parseArgs } from 'node:util';
import { UsageError } from './benchmark';

export interface SizeRange {
  defaults: readonly number[];
  min: number;
  max: number;
}

/** `--incidents N[,N…]`: the sizes a benchmark runs at, smallest first, each whole and within the range. */
export function parseIncidentSizes(benchmark: string, args: string[], range: SizeRange): number[] {
  let values: { incidents?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { incidents: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(
      `${benchmark}: ${(error as Error).message}; the ${benchmark} benchmark takes --incidents N[,N…] (default ${range.defaults.join(',')})`,
    );
  }
  if (values.incidents === undefined) return [...range.defaults];
  const sizes = values.incidents.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  const wrong = sizes.find((size) => !Number.isInteger(size) || size < range.min || size > range.max);
  if (wrong !== undefined || sizes.length === 0) {
    throw new UsageError(
      `${benchmark}: --incidents ${values.incidents}: whole numbers of incidents from ${range.min.toLocaleString('en')} ` +
        `to ${range.max.toLocaleString('en')}, separated by commas`,
    );
  }
  return [...new Set(sizes)].sort((a, b) => a - b);
}
