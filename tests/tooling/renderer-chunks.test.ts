import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/** No chunk of the renderer of 1 MB or more, but the map engine's (below). */
const MAX_CHUNK_BYTES = 1_000_000;
const MAPLIBRE_MODULE = /[\\/]node_modules[\\/]maplibre-gl[\\/]/;
/**
 * MapLibre is published as one minified module of about 1.1 MB, which no bundler can split: its chunk may be
 * as large as that file, and no larger, so that nothing else ever rides in it.
 */
const MAPLIBRE_PUBLISHED_BYTES = statSync(
  fileURLToPath(new URL('../../node_modules/maplibre-gl/dist/maplibre-gl.mjs', import.meta.url)),
).size;
const CHARTS_MODULE = /[\\/]node_modules[\\/]recharts[\\/]/;

interface BuiltScript {
  fileName: string;
  bytes: number;
  isEntry: boolean;
  moduleIds: string[];
  /** The chunks it imports statically: loaded with it. */
  imports: string[];
}

/** The renderer built as `npm run build:renderer` builds it, kept in memory: out/renderer is left alone. */
async function buildRenderer(): Promise<BuiltScript[]> {
  // The test runner says NODE_ENV=test, which would build React's development code into the chunks.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const result = await build({
    configFile: fileURLToPath(new URL('../../renderer/vite.config.ts', import.meta.url)),
    mode: 'production',
    logLevel: 'silent',
    build: { write: false },
  }).finally(() => (process.env.NODE_ENV = nodeEnv));
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs.flatMap((output) =>
    output.output
      .filter((file) => file.fileName.endsWith('.js'))
      .map((file) =>
        file.type === 'chunk'
          ? {
              fileName: file.fileName,
              bytes: Buffer.byteLength(file.code),
              isEntry: file.isEntry,
              moduleIds: file.moduleIds,
              imports: file.imports,
            }
          : {
              fileName: file.fileName,
              bytes: Buffer.byteLength(file.source),
              isEntry: false,
              moduleIds: [],
              imports: [],
            },
      ),
  );
}

describe('the renderer’s chunks', () => {
  let scripts: BuiltScript[];
  beforeAll(async () => {
    scripts = await buildRenderer();
    for (const script of scripts) console.log(`${script.fileName}\t${script.bytes} bytes`);
  }, 120_000);

  /** The entry and every chunk it imports statically, so loaded before the first screen is asked for. */
  function firstLoad(): BuiltScript[] {
    const byName = new Map(scripts.map((script) => [script.fileName, script]));
    const loaded = new Set<BuiltScript>();
    const visit = (script: BuiltScript) => {
      if (loaded.has(script)) return;
      loaded.add(script);
      for (const name of script.imports) visit(byName.get(name)!);
    };
    visit(scripts.find((script) => script.isEntry)!);
    return [...loaded];
  }

  it('start with a shell that loads neither the map engine nor the charts: the tabs bring them', () => {
    const shell = firstLoad();
    const libraries = shell.flatMap((script) =>
      script.moduleIds.filter((id) => MAPLIBRE_MODULE.test(id) || CHARTS_MODULE.test(id)),
    );
    expect(libraries).toEqual([]);
    expect(shell.reduce((bytes, script) => bytes + script.bytes, 0)).toBeLessThan(MAX_CHUNK_BYTES / 2);
  });

  it('keep the map engine in a chunk of its own, with nothing else in it', () => {
    const withMaplibre = scripts.filter((script) => script.moduleIds.some((id) => MAPLIBRE_MODULE.test(id)));
    expect(withMaplibre.map((script) => script.fileName)).toEqual([
      expect.stringMatching(/^assets\/maplibre-[\w-]+\.js$/),
    ]);
    expect(withMaplibre[0]!.moduleIds.every((id) => MAPLIBRE_MODULE.test(id))).toBe(true);
    expect(withMaplibre[0]!.bytes).toBeLessThanOrEqual(MAPLIBRE_PUBLISHED_BYTES);
  });

  it('are each under 1 MB, but the map engine’s', () => {
    const ours = scripts.filter((script) => !script.moduleIds.some((id) => MAPLIBRE_MODULE.test(id)));
    const largest = ours.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    expect(largest.bytes, largest.fileName).toBeLessThan(MAX_CHUNK_BYTES);
  });
});
