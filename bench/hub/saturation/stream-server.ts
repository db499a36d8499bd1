import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ask, forkTypeScript, nextMessage, stopChild } from '../../lib/children';
import type { Cleanup } from '../../lib/cleanup';
import type { CommitRequest, StreamServerCommitted, StreamServerConfig, StreamServerReady } from './protocol';

const SERVER_PROCESS = fileURLToPath(new URL('./stream-server-process.ts', import.meta.url));
const START_TIMEOUT_MS = 60_000;
const COMMIT_TIMEOUT_MS = 120_000;

/** The benchmark's handle on a stream server process. */
export class StreamServer {
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    readonly headSeq: number,
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(config: StreamServerConfig, cleanup: Cleanup): Promise<StreamServer> {
    const child = forkTypeScript(SERVER_PROCESS, config, cleanup);
    const ready = await nextMessage<StreamServerReady>(
      child,
      'ready',
      START_TIMEOUT_MS,
      `starting the ${config.delivery} stream server`,
    );
    return new StreamServer(child, ready.url, ready.headSeq);
  }

  /** Records `events` positions in the server's store and tells its broadcaster. */
  commit(events: number): Promise<StreamServerCommitted> {
    const request: CommitRequest = { type: 'commit', events };
    return ask<StreamServerCommitted>(this.child, request, 'committed', COMMIT_TIMEOUT_MS, 'committing');
  }

  stop(): Promise<void> {
    return stopChild(this.child);
  }
}
