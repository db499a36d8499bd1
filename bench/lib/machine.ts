import { cpus, loadavg, platform, arch, totalmem } from 'node:os';

export interface MachineFacts {
  cpus: number;
  cpuModel: string;
  node: string;
  platform: string;
  totalMemoryMb: number;
  /** 1, 5 and 15 minute load averages: on a shared machine they say how much else was running. */
  loadAverage: number[];
}

export function machineFacts(): MachineFacts {
  const cores = cpus();
  return {
    cpus: cores.length,
    cpuModel: cores[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${platform()} ${arch()}`,
    totalMemoryMb: Math.round(totalmem() / 2 ** 20),
    loadAverage: loadavg().map((load) => Number(load.toFixed(2))),
  };
}
