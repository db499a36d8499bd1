/** How the benchmark and its stream server process talk over IPC. */

/** `batched`: the hub's LiveBroadcaster; `naive`: one emit per event per client. */
export type Delivery = 'batched' | 'naive';

export interface StreamServerConfig {
  dbFile: string;
  delivery: Delivery;
  forces: number;
  positionPoints: number;
}

export interface StreamServerReady {
  type: 'ready';
  url: string;
  headSeq: number;
}

export interface CommitRequest {
  type: 'commit';
  events: number;
}

export interface StreamServerCommitted {
  type: 'committed';
  /** Wall-clock time the events were committed and the broadcaster told of them. */
  committedAt: number;
  headSeq: number;
}
