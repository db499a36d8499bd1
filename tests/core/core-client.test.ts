import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORE_STOPPED_ERROR } from '../../src/core/contract/core-link';
import { startCoreWorker } from '../../src/core/worker/core-client';

describe('the shell’s handle on its core worker', () => {
  it('answers a call made after the worker stopped at once, with the reason the screen reads as its link down', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pingan-core-client-'));
    const core = await startCoreWorker({ cacheFile: join(dir, 'cache.db'), regionId: 'gulang' });
    expect((await core.call('session.status', {})).ok).toBe(true);
    await core.close();
    expect(await core.call('session.status', {})).toEqual({ ok: false, error: CORE_STOPPED_ERROR });
  });
});
