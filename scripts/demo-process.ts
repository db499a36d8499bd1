import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningDemo {
  shellUrl: string;
  hubUrl: string;
  /** Where the demo's media server serves its cameras' pictures; none when it runs without video. */
  mediaOrigins: string[];
  /** The simulator's ingest key, for posting to the hub as the field systems would. */
  ingestKey: string;
  /** Kills the process outright, as a crash or `kill -9` would: nothing is closed cleanly. */
  kill(): Promise<void>;
  /** `pingan start` again on the same data folder, after `kill`; resolves once it says where to open it. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

interface DemoProcess {
  child: ChildProcess;
  exited: Promise<unknown>;
  shellUrl: string;
  hubUrl: string;
  mediaOrigins: string[];
}

async function spawnDemo(args: string[]): Promise<DemoProcess> {
  const child = spawn(process.execPath, ['bin/pingan.js', 'start', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  const [shellUrl, hubUrl, mediaOrigins] = await new Promise<[string, string, string[]]>(
    (resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const shell = /^Open: (\S+)$/m.exec(output);
        const hub = /^Hub for .* on (\S+)$/m.exec(output);
        const media = /^Media server for the demo's cameras on (\S+)$/m.exec(output);
        if (shell && hub) resolve([shell[1]!, hub[1]!, media ? [media[1]!] : []]);
      });
      child.once('exit', (code) => reject(new Error(`pingan start exited with ${code}: ${output}`)));
    },
  );
  return { child, exited, shellUrl, hubUrl, mediaOrigins };
}

/**
 * `pingan start` in a fresh data folder, as an operator runs it — an embedded hub seeded with Dali, the
 * simulator at `speed`, the browser shell signed in — resolved once the shell says where to open it.
 */
export async function startDemo({
  speed,
  pastDays,
}: {
  speed: number;
  /** Days of history to record first; `pingan start`'s own default when absent. */
  pastDays?: number;
}): Promise<RunningDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pingan-demo-'));
  const args = [
    '--no-open',
    '--data',
    dataDir,
    '--hub-port',
    '0',
    '--speed',
    String(speed),
    ...(pastDays === undefined ? [] : ['--past-days', String(pastDays)]),
  ];
  let running = await spawnDemo(args);
  const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
    simulator: { apiKey: string };
  };
  const demo: RunningDemo = {
    shellUrl: running.shellUrl,
    hubUrl: running.hubUrl,
    mediaOrigins: running.mediaOrigins,
    ingestKey: credentials.simulator.apiKey,
    async kill() {
      running.child.kill('SIGKILL');
      await running.exited;
    },
    async restart() {
      running = await spawnDemo(args);
      demo.shellUrl = running.shellUrl;
      demo.hubUrl = running.hubUrl;
      demo.mediaOrigins = running.mediaOrigins;
    },
    async stop() {
      running.child.kill('SIGINT');
      await running.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return demo;
}
