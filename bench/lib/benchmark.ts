import type { Cleanup } from './cleanup';
import type { Progress } from './progress';

/** One line of the results table; rows with a target say whether it was met. */
export interface ResultRow {
  measurement: string;
  value: string;
  target?: { goal: string; pass: boolean };
}

/** What a benchmark hands back: its settings, every number it measured, and the table a reader sees. */
export interface BenchmarkOutcome {
  settings: Record<string, unknown>;
  measurements: Record<string, unknown>;
  rows: ResultRow[];
}

export interface BenchmarkContext {
  progress: Progress;
  cleanup: Cleanup;
}

export interface Benchmark {
  name: string;
  summary: string;
  /** `args` are the command-line arguments after the benchmark's name, for its own options. */
  run(args: string[], context: BenchmarkContext): Promise<BenchmarkOutcome>;
}

/** A mistake on the command line: reported as a message with the usage, not as a crash. */
export class UsageError extends Error {}
