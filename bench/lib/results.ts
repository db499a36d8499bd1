import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchmarkOutcome } from './benchmark';
import type { MachineFacts } from './machine';
import { BENCH_DIR } from './paths';

export interface ResultsRecord {
  benchmark: string;
  date: string;
  runSeconds: number;
  machine: MachineFacts & { loadAverageAtEnd: number[] };
  settings: BenchmarkOutcome['settings'];
  measurements: BenchmarkOutcome['measurements'];
  targets: { measurement: string; value: string; goal: string; pass: boolean }[];
  pass: boolean;
}

export function resultsRecord(
  benchmark: string,
  started: Date,
  machine: ResultsRecord['machine'],
  outcome: BenchmarkOutcome,
): ResultsRecord {
  const targets = outcome.rows.flatMap((row) =>
    row.target ? [{ measurement: row.measurement, value: row.value, ...row.target }] : [],
  );
  return {
    benchmark,
    date: started.toISOString(),
    runSeconds: Math.round((Date.now() - started.getTime()) / 1000),
    machine,
    settings: outcome.settings,
    measurements: outcome.measurements,
    targets,
    pass: targets.every((target) => target.pass),
  };
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function renderMarkdown(record: ResultsRecord, outcome: BenchmarkOutcome): string {
  const { machine } = record;
  const missed = record.targets.filter((target) => !target.pass).length;
  const verdict =
    missed === 0
      ? `all ${record.targets.length} targets met`
      : `${missed} of ${record.targets.length} targets missed`;
  const lines = [
    `# Benchmark: ${record.benchmark}`,
    '',
    `${record.date} · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · ${machine.platform} · ` +
      `load average ${machine.loadAverage[0]} → ${machine.loadAverageAtEnd[0]} · ${record.runSeconds} s · ${verdict}`,
    '',
    '| Measurement | Value | Target | Result |',
    '| --- | --- | --- | --- |',
    ...outcome.rows.map(
      (row) =>
        `| ${cell(row.measurement)} | ${cell(row.value)} | ${cell(row.target?.goal ?? '')} | ${
          row.target ? (row.target.pass ? 'pass' : '**FAIL**') : ''
        } |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** Writes `bench/results/<name>.json` and `.md`; returns the markdown. */
export function writeResults(record: ResultsRecord, outcome: BenchmarkOutcome): string {
  const dir = join(BENCH_DIR, 'results');
  mkdirSync(dir, { recursive: true });
  const markdown = renderMarkdown(record, outcome);
  writeFileSync(join(dir, `${record.benchmark}.json`), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(dir, `${record.benchmark}.md`), markdown);
  return markdown;
}
