import { readFileSync } from 'node:fs';

/** Linux reports CPU time in clock ticks of 1/100 s on every platform Node runs on. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, from `/proc/<pid>/stat`. */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: count fields from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds the whole machine has spent busy so far, over all cores, from `/proc/stat`. */
export function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / TICKS_PER_SECOND;
}

export interface CpuShares {
  /** Per named process: CPU seconds used per wall-clock second (1 = one core fully busy). */
  processes: Record<string, number>;
  /** Everything else the machine ran meanwhile, in the same unit: the noise a shared machine adds. */
  others: number;
}

/**
 * How busy the named processes and the rest of the machine were between `start` and `finish`, so that a
 * result can be read against what else the machine was doing.
 */
export class CpuMeter {
  private readonly startedAt = performance.now();
  private readonly machineAtStart = machineBusySeconds();
  private readonly processesAtStart: Map<string, number>;

  constructor(private readonly pids: Record<string, number>) {
    this.processesAtStart = new Map(
      Object.entries(pids).map(([name, pid]) => [name, processCpuSeconds(pid)]),
    );
  }

  finish(): CpuShares {
    const wallSeconds = (performance.now() - this.startedAt) / 1000;
    const share = (seconds: number) => Number((seconds / wallSeconds).toFixed(2));
    const processes: Record<string, number> = {};
    let ours = 0;
    for (const [name, pid] of Object.entries(this.pids)) {
      const used = processCpuSeconds(pid) - this.processesAtStart.get(name)!;
      processes[name] = share(used);
      ours += used;
    }
    return { processes, others: share(machineBusySeconds() - this.machineAtStart - ours) };
  }
}
