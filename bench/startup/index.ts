import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Benchmark, ResultRow } from '../lib/benchmark';
import { REPO_ROOT } from '../lib/paths';
import { parseIncidentSizes } from '../lib/sizes';
import { median } from '../lib/stats';
import { makeTempDir } from '../lib/temp-dir';
import { measureDesktopStarts } from './desktop-start';
import { desktopStartRows } from './desktop-start-report';

/**
 * What the startup benchmark runs, and the claims it holds: `pingan --help` in under 1.5 s once built, and a
 * desktop started from a warm cache drawing its wall's incidents within 3 s.
 */
export const STARTUP_BENCH = {
  rounds: 5,
  desktopRounds: 3,
  sizes: [10_000, 50_000],
  maxSize: 1_000_000,
} as const;
export const STARTUP_TARGETS = { compiledHelpSeconds: 1.5 } as const;

/** The same command two ways: as `pingan` runs it (compiled), and as it ran before, the sources through tsx. */
const WAYS = {
  compiled: [join(REPO_ROOT, 'bin/pingan.js')],
  tsx: ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts')],
} as const;
type Way = keyof typeof WAYS;

/** `--help` loads only the command list; `hub --help` loads the hub command and everything it imports. */
const COMMANDS = [['--help'], ['hub', '--help']] as const;

function secondsToRun(way: Way, args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...WAYS[way], ...args], { cwd: REPO_ROOT, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0 || !result.stdout.includes('Usage: pingan'))
    throw new Error(`${way} ${args.join(' ')} failed: ${result.stderr}`);
  return seconds;
}

export const startupBenchmark: Benchmark = {
  name: 'startup',
  summary: '`pingan --help`, compiled vs tsx; `pingan desktop` to a drawn wall, warm and cold',
  async run(args, { progress, cleanup }) {
    const sizes = parseIncidentSizes('startup', args, {
      defaults: STARTUP_BENCH.sizes,
      min: 1_000,
      max: STARTUP_BENCH.maxSize,
    });
    progress.phase('Compiling the command when a source changed since its build');
    execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-code.js'), '--if-stale']);

    const samples = new Map<string, number[]>();
    for (let round = 1; round <= STARTUP_BENCH.rounds; round++) {
      progress.phase(`Round ${round} of ${STARTUP_BENCH.rounds}, the two ways alternating`);
      for (const args of COMMANDS) {
        for (const way of Object.keys(WAYS) as Way[]) {
          const key = `${way} ${args.join(' ')}`;
          samples.set(key, [...(samples.get(key) ?? []), secondsToRun(way, args)]);
        }
      }
    }

    const medianOf = (way: Way, args: readonly string[]) => median(samples.get(`${way} ${args.join(' ')}`)!);
    const rows: ResultRow[] = [];
    for (const args of COMMANDS) {
      const compiled = medianOf('compiled', args);
      const tsx = medianOf('tsx', args);
      const command = `pingan ${args.join(' ')}`;
      rows.push(
        { measurement: `${command}, sources through tsx (baseline)`, value: `${tsx.toFixed(2)} s` },
        {
          measurement: `${command}, compiled`,
          value: `${compiled.toFixed(2)} s`,
          ...(args.length === 1
            ? {
                target: {
                  goal: `< ${STARTUP_TARGETS.compiledHelpSeconds} s`,
                  pass: compiled < STARTUP_TARGETS.compiledHelpSeconds,
                },
              }
            : {}),
        },
        { measurement: `${command}: tsx ÷ compiled`, value: `${(tsx / compiled).toFixed(1)}×` },
      );
    }
    const desktop = await measureDesktopStarts(
      { sizes, rounds: STARTUP_BENCH.desktopRounds, dir: makeTempDir('pingan-bench-startup-', cleanup) },
      progress,
      cleanup,
    );
    rows.push(...desktop.sizes.flatMap(desktopStartRows));
    return {
      settings: { ...STARTUP_BENCH, sizes, chromium: desktop.chromium, medians: 'of every round' },
      measurements: { commands: Object.fromEntries(samples), desktopStarts: desktop.sizes },
      rows,
    };
  },
};
