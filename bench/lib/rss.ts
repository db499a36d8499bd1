import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from `/proc/<pid>/status` (Linux). */
export function readRssBytes(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) * 1024;
}

export interface RssSample {
  /** Seconds since sampling started. */
  t: number;
  mb: number;
}

/** Samples a process's RSS every second until stopped, or until the process is gone. */
export class RssSampler {
  readonly samples: RssSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private started = 0;

  constructor(private readonly pid: number) {}

  start(): void {
    this.started = Date.now();
    this.sample();
    this.timer = setInterval(() => this.sample(), 1000);
  }

  stop(): RssSample[] {
    clearInterval(this.timer);
    return this.samples;
  }

  latestMb(): number {
    return this.samples.at(-1)?.mb ?? 0;
  }

  private sample(): void {
    let bytes: number;
    try {
      bytes = readRssBytes(this.pid);
    } catch {
      // The process has exited; whoever started it reports that.
      this.stop();
      return;
    }
    this.samples.push({
      t: Math.round((Date.now() - this.started) / 100) / 10,
      mb: Math.round((bytes / 2 ** 20) * 10) / 10,
    });
  }
}
