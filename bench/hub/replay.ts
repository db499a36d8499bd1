import type { Cleanup } from '../lib/cleanup';
import type { Progress } from '../lib/progress';
import { median } from '../lib/stats';
import { ClientFleet } from './fleet/client-fleet';
import { headSeq } from './hub-api';

export interface ReplayRun {
  seconds: number;
  eventsPerSecond: number;
}

export interface ReplayResult {
  events: number;
  runs: ReplayRun[];
  medianEventsPerSecond: number;
}

/**
 * A client that reconnects after being away while `events` events were logged: from `subscribe` to its
 * acknowledgement, which the hub sends after the last replayed event. Repeated, each time as a new client,
 * and the median kept: one run is at the mercy of whatever else the machine is doing.
 */
export async function measureReplay(
  hubUrl: string,
  token: string,
  events: number,
  repetitions: number,
  cleanup: Cleanup,
  progress: Progress,
): Promise<ReplayResult> {
  const since = (await headSeq(hubUrl)) - events;
  if (since < 0) throw new Error(`the log holds fewer than ${events} events to replay`);
  const runs: ReplayRun[] = [];
  for (let repetition = 1; repetition <= repetitions; repetition += 1) {
    progress.update(`replay ${repetition} of ${repetitions}`);
    const fleet = await ClientFleet.start({ url: hubUrl, token, clients: 1 }, cleanup);
    try {
      const [outcome] = await fleet.subscribe(since);
      if (outcome?.mode !== 'replay' || outcome.replayed !== events || outcome.receivedByAck !== events) {
        throw new Error(
          `replay from seq ${since} delivered ${JSON.stringify(outcome)}, not ${events} events`,
        );
      }
      const seconds = outcome.elapsedMs / 1000;
      runs.push({ seconds, eventsPerSecond: events / seconds });
    } finally {
      await fleet.close();
    }
  }
  return { events, runs, medianEventsPerSecond: median(runs.map((run) => run.eventsPerSecond)) };
}
