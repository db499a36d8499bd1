import type { LatencySummary } from '../../lib/latency-histogram';

/** How the benchmark and its client fleet process talk over IPC. */

export interface FleetConfig {
  url: string;
  /** An access token; the benchmark's own stream server asks for none. */
  token?: string;
  clients: number;
}

export type FleetRequest =
  | { type: 'subscribe'; since: number }
  /** Answer once every client has received everything through `seq`, or when `timeoutMs` has passed. */
  | { type: 'await-seq'; seq: number; timeoutMs: number };

export interface FleetReady {
  type: 'ready';
}

export interface SubscribeOutcome {
  ok: boolean;
  error?: string;
  mode?: string;
  replayed?: number;
  /** From sending `subscribe` to its acknowledgement, which the hub sends after the last replayed event. */
  elapsedMs: number;
  receivedByAck: number;
}

export interface FleetSubscribed {
  type: 'subscribed';
  clients: SubscribeOutcome[];
}

/** What one client received since it subscribed. */
export interface ClientTally {
  received: number;
  /** Of them, the benchmark's own positions: other traffic (a simulator's) may share the stream. */
  posted: number;
  lastSeq: number;
  /** Seqs skipped: every event of the benchmark is in the clients' scope, so any gap is a lost event. */
  gaps: number;
  /** Events at or below a seq already received: duplicates or reordering. */
  outOfOrder: number;
  disconnects: number;
}

export interface FleetReached {
  type: 'reached';
  reached: boolean;
  /** Wall-clock time the last client received its last event. */
  lastReceivedAt: number;
  clients: ClientTally[];
  /** Receive time minus each event's `at`, over every event at every client. */
  latency: LatencySummary;
  /** The same over the first client to receive each batch (see `LatencyRecorder`). */
  firstArrivalLatency: LatencySummary;
}
