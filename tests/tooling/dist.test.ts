import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const distScript = fileURLToPath(new URL('../../scripts/dist.js', import.meta.url));
const electronVersion = (
  JSON.parse(readFileSync(new URL('../../node_modules/electron/package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;

/** A mirror that has no Electron at all: every download answers 404, as an unreachable one would fail. */
let emptyMirror: Server;
let mirrorUrl: string;
const probed: string[] = [];

beforeAll(async () => {
  emptyMirror = createServer((req, res) => {
    probed.push(`${req.method} ${req.url}`);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => emptyMirror.listen(0, '127.0.0.1', resolve));
  mirrorUrl = `http://127.0.0.1:${(emptyMirror.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((resolve) => emptyMirror.close(() => resolve())));

function runDist(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [distScript],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run dist without Electron to hand', () => {
  it('stops before building, with one line naming the missing zips and how to provide them', async () => {
    const emptyCache = mkdtempSync(join(tmpdir(), 'pingan-electron-cache-'));
    const result = await runDist({ ELECTRON_CACHE: emptyCache, ELECTRON_MIRROR: mirrorUrl });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^npm run dist: Electron \S+ for linux-x64, linux-arm64, win32-x64 /);
    for (const target of ['linux-x64', 'linux-arm64', 'win32-x64']) {
      expect(lines[0]).toContain(`electron-v${electronVersion}-${target}.zip`);
    }
    expect(lines[0]).toContain('set ELECTRON_CACHE');
    // It asked the mirror electron-builder would download from, at the path it would use.
    expect(probed).toContain(`HEAD /v${electronVersion}/electron-v${electronVersion}-linux-x64.zip`);
  });
});
