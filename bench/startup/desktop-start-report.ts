import type { ResultRow } from '../lib/benchmark';
import { median } from '../lib/stats';
import type { SizeStarts, StartKind, StartTimes } from './desktop-start';

/** From spawning `pingan desktop` with a warm cache to the first frame with incidents, at every size. */
export const WARM_START_TARGET_MS = 3_000;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString('en');

const KIND_LABELS: Record<StartKind, string> = {
  cold: 'cold start, empty cache (baseline)',
  warm: 'warm start, hub up',
  'warm-offline': 'warm start, hub down',
};

function medianOf(starts: readonly StartTimes[], field: keyof StartTimes): number {
  return median(starts.map((start) => start[field]));
}

/** The rows of one size: each kind of start, timed from the spawn, the warm ones against the cold baseline. */
export function desktopStartRows({ open, starts }: SizeStarts): ResultRow[] {
  const at = `${count(open)} open incidents:`;
  const coldFrame = medianOf(starts.cold, 'incidentFrame');
  return (Object.keys(KIND_LABELS) as StartKind[]).flatMap((kind) => {
    const runs = starts[kind];
    const frame = medianOf(runs, 'incidentFrame');
    const label = `${at} ${KIND_LABELS[kind]}`;
    const versusCold = kind === 'cold' ? '' : `; ${(frame / coldFrame).toFixed(2)}× the cold start`;
    return [
      {
        measurement: `${label}: \`Open:\` / first frame of the region / every open incident counted`,
        value: `${seconds(medianOf(runs, 'open'))} / ${seconds(medianOf(runs, 'regionFrame'))} / ${seconds(medianOf(runs, 'complete'))}`,
      },
      {
        measurement: `${label}: first frame with incidents, from the spawn`,
        value: `${seconds(frame)}${versusCold}`,
        ...(kind === 'cold'
          ? {}
          : { target: { goal: `≤ ${seconds(WARM_START_TARGET_MS)}`, pass: frame <= WARM_START_TARGET_MS } }),
      },
    ];
  });
}
