import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every scratch file of a run — caches, hub databases, the hubs' working folders —
 * goes under one folder, removed when the run ends, however each test left its own.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'pingan-tests-'));
  // os.tmpdir() reads TMPDIR; the test workers and the hub processes they start inherit it.
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}
