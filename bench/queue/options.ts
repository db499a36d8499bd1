import { parseIncidentSizes } from '../lib/sizes';

export const DEFAULT_SIZES = [10_000, 50_000, 200_000] as const;

export interface QueueBenchOptions {
  /** The numbers of incidents the cache holds, smallest first. */
  sizes: number[];
}

export function parseQueueOptions(args: string[]): QueueBenchOptions {
  return {
    sizes: parseIncidentSizes('queue', args, { defaults: DEFAULT_SIZES, min: 1_000, max: 1_000_000 }),
  };
}
