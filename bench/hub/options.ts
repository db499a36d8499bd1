import { parseArgs } from 'node:util';
import { UsageError } from '../lib/benchmark';
import { HUB_BENCH } from './settings';

export interface HubBenchOptions {
  durationSeconds: number;
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: { duration: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
  } catch (error) {
    throw new UsageError(`hub: ${(error as Error).message}; the hub benchmark takes --duration SECONDS`);
  }
}

export function parseHubOptions(args: string[]): HubBenchOptions {
  const { values } = parse(args);
  const durationSeconds = Number(values.duration ?? HUB_BENCH.defaultDurationSeconds);
  if (!Number.isFinite(durationSeconds) || durationSeconds < 2) {
    throw new UsageError(`hub: --duration ${values.duration}: a number of seconds, at least 2`);
  }
  return { durationSeconds };
}
