import { join } from 'node:path';
import type { Cleanup } from '../../lib/cleanup';
import { CpuMeter, type CpuShares } from '../../lib/cpu-usage';
import type { Progress } from '../../lib/progress';
import { median } from '../../lib/stats';
import { ClientFleet } from '../fleet/client-fleet';
import type { Delivery } from './protocol';
import { StreamServer } from './stream-server';

/** The naive delivery takes seconds per round; this bounds a pathological one. */
const DELIVERY_TIMEOUT_MS = 120_000;
const DELIVERIES: readonly Delivery[] = ['batched', 'naive'];

export interface SaturationPlan {
  workDir: string;
  forces: number;
  positionPoints: number;
  clients: number;
  events: number;
  rounds: number;
}

export interface SaturationRun {
  delivery: Delivery;
  round: number;
  /** From the commit until the last client has received the last event. */
  seconds: number;
  deliveriesPerSecond: number;
  /** Busy cores from the commit on: the server, the client fleet, and everything else on the machine. */
  cpu: CpuShares;
  allDelivered: boolean;
}

export interface SaturationResult {
  runs: SaturationRun[];
  medianDeliveriesPerSecond: Record<Delivery, number>;
  speedup: number;
  allDelivered: boolean;
}

async function measureOnce(
  plan: SaturationPlan,
  delivery: Delivery,
  round: number,
  cleanup: Cleanup,
): Promise<SaturationRun> {
  const server = await StreamServer.start(
    {
      dbFile: join(plan.workDir, `saturation-${delivery}-${round}.db`),
      delivery,
      forces: plan.forces,
      positionPoints: plan.positionPoints,
    },
    cleanup,
  );
  try {
    const fleet = await ClientFleet.start({ url: server.url, clients: plan.clients }, cleanup);
    try {
      await fleet.subscribe(server.headSeq);
      const { committedAt, headSeq } = await server.commit(plan.events);
      const cpu = new CpuMeter({ server: server.pid, clients: fleet.pid });
      const reached = await fleet.awaitSeq(headSeq, DELIVERY_TIMEOUT_MS);
      const cpuShares = cpu.finish();
      const seconds = (reached.lastReceivedAt - committedAt) / 1000;
      return {
        delivery,
        round,
        seconds,
        deliveriesPerSecond: (plan.events * plan.clients) / seconds,
        cpu: cpuShares,
        allDelivered:
          reached.reached &&
          reached.clients.every(
            (client) => client.received === plan.events && client.gaps + client.outOfOrder === 0,
          ),
      };
    } finally {
      await fleet.close();
    }
  } finally {
    await server.stop();
  }
}

/**
 * How fast the stream empties a backlog into a full house of clients, with the hub's batched delivery and
 * with one emit per event per client, on the same store and the same socket.io server. Rounds alternate
 * the two so that both see the same machine, noisy as it may be, and the medians are compared.
 */
export async function measureSaturation(
  plan: SaturationPlan,
  cleanup: Cleanup,
  progress: Progress,
): Promise<SaturationResult> {
  const runs: SaturationRun[] = [];
  for (let round = 1; round <= plan.rounds; round += 1) {
    for (const delivery of DELIVERIES) {
      progress.update(`round ${round} of ${plan.rounds}: ${delivery} delivery`);
      runs.push(await measureOnce(plan, delivery, round, cleanup));
    }
  }
  const medianOf = (delivery: Delivery) =>
    median(runs.filter((run) => run.delivery === delivery).map((run) => run.deliveriesPerSecond));
  const medianDeliveriesPerSecond = { batched: medianOf('batched'), naive: medianOf('naive') };
  return {
    runs,
    medianDeliveriesPerSecond,
    speedup: medianDeliveriesPerSecond.batched / medianDeliveriesPerSecond.naive,
    allDelivered: runs.every((run) => run.allDelivered),
  };
}
