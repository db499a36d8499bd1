import { loadavg } from 'node:os';
import { UsageError, type Benchmark } from './lib/benchmark';
import { Cleanup } from './lib/cleanup';
import { machineFacts } from './lib/machine';
import { Progress } from './lib/progress';
import { resultsRecord, writeResults } from './lib/results';
import { coreBenchmark } from './core';
import { coverageBenchmark } from './coverage';
import { hubBenchmark } from './hub';
import { latencyBenchmark } from './latency';
import { mapBenchmark } from './map';
import { queueBenchmark } from './queue';
import { reportsBenchmark } from './reports';
import { soakBenchmark } from './soak';
import { startupBenchmark } from './startup';
import { tabsBenchmark } from './tabs';
import { videoBenchmark } from './video';
import { wallBenchmark } from './wall';

const BENCHMARKS: readonly Benchmark[] = [
  hubBenchmark,
  coreBenchmark,
  mapBenchmark,
  wallBenchmark,
  queueBenchmark,
  reportsBenchmark,
  coverageBenchmark,
  tabsBenchmark,
  startupBenchmark,
  latencyBenchmark,
  soakBenchmark,
  videoBenchmark,
];

function usage(): string {
  return [
    'usage: npm run bench -- <benchmark> [options]',
    '',
    ...BENCHMARKS.map((benchmark) => `  ${benchmark.name.padEnd(8)} ${benchmark.summary}`),
  ].join('\n');
}

/** Runs the benchmark and records its results; the exit code says whether every target was met. */
async function run(benchmark: Benchmark, args: string[], cleanup: Cleanup): Promise<number> {
  const started = new Date();
  const machine = machineFacts();
  const progress = new Progress();
  try {
    const outcome = await benchmark.run(args, { progress, cleanup });
    progress.phase('Done');
    const loadAverageAtEnd = loadavg().map((load) => Number(load.toFixed(2)));
    const record = resultsRecord(benchmark.name, started, { ...machine, loadAverageAtEnd }, outcome);
    process.stdout.write(writeResults(record, outcome));
    return record.pass ? 0 : 1;
  } finally {
    progress.endLine();
    cleanup.runAll();
  }
}

const [name, ...args] = process.argv.slice(2);
const benchmark = BENCHMARKS.find((candidate) => candidate.name === name);
if (!benchmark) {
  console.error(name ? `unknown benchmark "${name}"` : 'name a benchmark to run');
  console.error(usage());
  process.exit(2);
}

const cleanup = new Cleanup();
// Cleanup is synchronous, so it runs however the process ends: an uncaught error or an interruption.
process.on('exit', () => cleanup.runAll());
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));

try {
  process.exitCode = await run(benchmark, args, cleanup);
} catch (error) {
  if (error instanceof UsageError) {
    console.error(error.message);
    console.error(usage());
    process.exit(2);
  }
  console.error(`bench ${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  // Whatever the failed phase left running (timers, sockets) must not keep the process alive.
  process.exit(1);
}
