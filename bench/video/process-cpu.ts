import { readFileSync, readdirSync } from 'node:fs';
import { machineBusySeconds } from '../lib/cpu-usage';

/** Linux reports CPU time in clock ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;
const SAMPLE_MS = 1000;

interface ProcessRow {
  ppid: number;
  comm: string;
  /** utime + stime of the whole process (every thread), in ticks. */
  ticks: number;
}

/** Every process on the machine, from `/proc/<pid>/stat`. */
function processTable(): Map<number, ProcessRow> {
  const table = new Map<number, ProcessRow>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    table.set(Number(name), {
      ppid: Number(fields[1]),
      comm,
      ticks: Number(fields[11]) + Number(fields[12]),
    });
  }
  return table;
}

/** `root` and every process below it. */
function treeOf(root: number, table: Map<number, ProcessRow>): number[] {
  const children = new Map<number, number[]>();
  for (const [pid, row] of table) children.set(row.ppid, [...(children.get(row.ppid) ?? []), pid]);
  const found: number[] = [];
  const stack = table.has(root) ? [root] : [];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    found.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Which processes make up a group, asked again at every sample (browsers start and end helpers). */
export type ProcessGroup =
  | { kind: 'tree'; root: number }
  | { kind: 'tree-named'; root: number; comm: string }
  | { kind: 'process'; pid: number };

function members(group: ProcessGroup, table: Map<number, ProcessRow>): number[] {
  if (group.kind === 'process') return table.has(group.pid) ? [group.pid] : [];
  const tree = treeOf(group.root, table);
  return group.kind === 'tree' ? tree : tree.filter((pid) => table.get(pid)!.comm === group.comm);
}

export interface GroupCpu {
  /** CPU seconds per wall second (1 = one core busy the whole time). */
  cores: Record<string, number>;
  /** The rest of the machine in the same unit: everything busy that is in no group. */
  others: number;
  /** Processes seen per group over the window. */
  processes: Record<string, number>;
  seconds: number;
}

/**
 * CPU used by groups of processes over a window, sampled every second so that a helper process that starts
 * or ends within the window is counted for the time it ran (a process first seen mid-window counts whole,
 * having started within it; one that ends loses at most its last second).
 */
export class GroupCpuMeter {
  private readonly last = new Map<number, number>();
  private readonly used: Record<string, number> = {};
  private readonly seen: Record<string, Set<number>> = {};
  private readonly timer: NodeJS.Timeout;
  private readonly startedAt = performance.now();
  private readonly machineAtStart = machineBusySeconds();
  private readonly known = new Set<number>();

  constructor(private readonly groups: Record<string, ProcessGroup>) {
    const table = processTable();
    for (const name of Object.keys(groups)) {
      this.used[name] = 0;
      this.seen[name] = new Set();
    }
    for (const [pid, row] of table) {
      this.last.set(pid, row.ticks);
      this.known.add(pid);
    }
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  private sample(): void {
    const table = processTable();
    for (const [name, group] of Object.entries(this.groups)) {
      for (const pid of members(group, table)) {
        const ticks = table.get(pid)!.ticks;
        const before = this.known.has(pid) ? (this.last.get(pid) ?? ticks) : 0;
        this.used[name]! += ticks - before;
        this.seen[name]!.add(pid);
      }
    }
    for (const [pid, row] of table) {
      this.last.set(pid, row.ticks);
      this.known.add(pid);
    }
  }

  finish(): GroupCpu {
    clearInterval(this.timer);
    this.sample();
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cores: Record<string, number> = {};
    const processes: Record<string, number> = {};
    let ours = 0;
    for (const name of Object.keys(this.groups)) {
      const cpuSeconds = this.used[name]! / TICKS_PER_SECOND;
      cores[name] = cpuSeconds / seconds;
      processes[name] = this.seen[name]!.size;
      ours += cpuSeconds;
    }
    const others = (machineBusySeconds() - this.machineAtStart - ours) / seconds;
    return { cores, others, processes, seconds };
  }
}
