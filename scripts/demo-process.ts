import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningDemo {
  shellUrl: string;
  hubUrl: string;
  /** The simulator's ingest key, for posting to the hub as the field systems would. */
  ingestKey: string;
  stop(): Promise<void>;
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
  const demo = spawn(
    process.execPath,
    [
      'bin/pingan.js',
      'start',
      '--no-open',
      '--data',
      dataDir,
      '--hub-port',
      '0',
      '--speed',
      String(speed),
      ...(pastDays === undefined ? [] : ['--past-days', String(pastDays)]),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((done) => demo.once('exit', done));
  const [shellUrl, hubUrl] = await new Promise<[string, string]>((resolve, reject) => {
    let output = '';
    demo.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const shell = /^Open: (\S+)$/m.exec(output);
      const hub = /^Hub for .* on (\S+)$/m.exec(output);
      if (shell && hub) resolve([shell[1]!, hub[1]!]);
    });
    demo.once('exit', (code) => reject(new Error(`pingan start exited with ${code}: ${output}`)));
  });
  const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as {
    simulator: { apiKey: string };
  };
  return {
    shellUrl,
    hubUrl,
    ingestKey: credentials.simulator.apiKey,
    async stop() {
      demo.kill('SIGINT');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
