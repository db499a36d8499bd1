import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REGION_IDS, buildRegions } from '../../src/regions/build';
import { DEFAULT_REGIONS_DIR, regionDir } from '../../src/regions/store';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('npm run regions:build', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'pingan-regions-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reproduces the committed regions byte for byte', { timeout: 120_000 }, () => {
    const progress: [number, number][] = [];
    const dirs = buildRegions(REGION_IDS, {
      regionsDir: scratch,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(dirs).toEqual(REGION_IDS.map((id) => regionDir(id, scratch)));
    expect(progress.at(-1)).toEqual([REGION_IDS.length, REGION_IDS.length]);

    for (const id of REGION_IDS) {
      const committed = regionDir(id, DEFAULT_REGIONS_DIR);
      const rebuilt = regionDir(id, scratch);
      expect(filesUnder(rebuilt), id).toEqual(filesUnder(committed));
      for (const file of filesUnder(committed)) {
        const same = readFileSync(join(rebuilt, file)).equals(readFileSync(join(committed, file)));
        expect(same, `${id}/${file} rebuilt identically`).toBe(true);
      }
    }
  });
});
