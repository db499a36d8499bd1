import { parseArgs } from 'node:util';
import { UsageError } from '../lib/benchmark';

export const DEFAULT_SIZES = [10_000, 50_000, 200_000] as const;
const MAX_SIZE = 1_000_000;
const MIN_SIZE = 1_000;

export interface QueueBenchOptions {
  /** The numbers of incidents the cache holds, smallest first. */
  sizes: number[];
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { incidents: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(
      `queue: ${(error as Error).message}; the queue benchmark takes --incidents N[,N…] (default ${DEFAULT_SIZES.join(',')})`,
    );
  }
}

export function parseQueueOptions(args: string[]): QueueBenchOptions {
  const { values } = parse(args);
  if (values.incidents === undefined) return { sizes: [...DEFAULT_SIZES] };
  const sizes = values.incidents.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  const wrong = sizes.find((size) => !Number.isInteger(size) || size < MIN_SIZE || size > MAX_SIZE);
  if (wrong !== undefined || sizes.length === 0) {
    throw new UsageError(
      `queue: --incidents ${values.incidents}: whole numbers of incidents from ${MIN_SIZE.toLocaleString('en')} ` +
        `to ${MAX_SIZE.toLocaleString('en')}, separated by commas`,
    );
  }
  return { sizes: [...new Set(sizes)].sort((a, b) => a - b) };
}
