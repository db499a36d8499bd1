import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const pingan = fileURLToPath(new URL('../../../bin/pingan.js', import.meta.url));

/** `pingan hub` as operators run it, in its own process; resolves with its address once it listens. */
export async function spawnHubProcess(options: {
  db: string;
  region: string;
  port?: number;
  redis?: string;
  cwd: string;
}): Promise<{ process: ChildProcess; url: string }> {
  const args = [
    pingan,
    'hub',
    '--db',
    options.db,
    '--port',
    String(options.port ?? 0),
    '--region',
    options.region,
  ];
  if (options.redis) args.push('--redis', options.redis);
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PINGAN_LOG_LEVEL: 'warn' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${output}`)));
  });
  return { process: child, url };
}
