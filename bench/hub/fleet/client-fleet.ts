import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ask, forkTypeScript, nextMessage, stopChild } from '../../lib/children';
import type { Cleanup } from '../../lib/cleanup';
import type {
  FleetConfig,
  FleetReached,
  FleetReady,
  FleetRequest,
  FleetSubscribed,
  SubscribeOutcome,
} from './protocol';

const FLEET_PROCESS = fileURLToPath(new URL('./fleet-process.ts', import.meta.url));
const CONNECT_TIMEOUT_MS = 60_000;
const SUBSCRIBE_TIMEOUT_MS = 150_000;
/** Headroom over the fleet's own deadline for its answer to arrive. */
const ANSWER_MARGIN_MS = 10_000;

/** The benchmark's handle on a client fleet process. */
export class ClientFleet {
  private constructor(private readonly child: ChildProcess) {}

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves once every client has connected. */
  static async start(config: FleetConfig, cleanup: Cleanup): Promise<ClientFleet> {
    const child = forkTypeScript(FLEET_PROCESS, config, cleanup);
    await nextMessage<FleetReady>(child, 'ready', CONNECT_TIMEOUT_MS, `connecting ${config.clients} clients`);
    return new ClientFleet(child);
  }

  /** Subscribes every client from `since`; throws unless the hub accepted them all. */
  async subscribe(since: number): Promise<SubscribeOutcome[]> {
    const request: FleetRequest = { type: 'subscribe', since };
    const { clients } = await ask<FleetSubscribed>(
      this.child,
      request,
      'subscribed',
      SUBSCRIBE_TIMEOUT_MS,
      'subscribing',
    );
    const refused = clients.find((client) => !client.ok);
    if (refused) throw new Error(`the hub refused a subscription: ${refused.error}`);
    return clients;
  }

  awaitSeq(seq: number, timeoutMs: number): Promise<FleetReached> {
    const request: FleetRequest = { type: 'await-seq', seq, timeoutMs };
    return ask<FleetReached>(
      this.child,
      request,
      'reached',
      timeoutMs + ANSWER_MARGIN_MS,
      `waiting for seq ${seq} at every client`,
    );
  }

  close(): Promise<void> {
    return stopChild(this.child);
  }
}
