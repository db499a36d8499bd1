// Compiles the command, the desktop core's worker and the Electron main process and preload into `out/`, so
// nothing transpiles TypeScript at start. Plain JavaScript: it runs on a fresh clone before anything is built.
import { mkdirSync, readdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = join(REPO_ROOT, 'out');
export const CLI_ENTRY = join(OUT_DIR, 'cli/main.js');
/** Written last; its time is when the build started, so an edit made during a build counts as newer. */
const STAMP_FILE = join(OUT_DIR, 'code-build.json');
const SOURCES = ['src', 'electron', 'scripts/build-code.js'].map((path) => join(REPO_ROOT, path));

/**
 * The command and its worker run on Node as ES modules, with every package left to node_modules (native
 * modules among them). Electron loads CommonJS and gets everything but itself and the native module bundled,
 * with `import.meta.url` given its CommonJS meaning.
 */
const BUNDLES = [
  {
    entryPoints: {
      'cli/main': 'src/cli/main.ts',
      'cli/core-worker': 'src/core/worker/core-worker.ts',
    },
    format: 'esm',
    outExtension: { '.js': '.js' },
    packages: 'external',
    // What a command imports when it runs becomes a chunk of its own, so `pingan --help` loads only commander.
    // Chunks sit beside the entries: a chunk finds the worker's bundle and the repository as the entry would.
    splitting: true,
    chunkNames: 'cli/[name]-[hash]',
  },
  {
    entryPoints: {
      'electron/main': 'electron/main.ts',
      'electron/preload': 'electron/preload.ts',
      'electron/core-worker': 'src/core/worker/core-worker.ts',
    },
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
    external: ['electron', 'better-sqlite3'],
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
];

function newestMtime(path) {
  const stats = statSync(path, { throwIfNoEntry: false });
  if (!stats) return 0;
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function codeWasBuilt() {
  return statSync(STAMP_FILE, { throwIfNoEntry: false }) !== undefined;
}

/** True when `out/` was never built or a source changed since: a few milliseconds of `stat` calls. */
export function codeBuildIsStale() {
  const stamp = statSync(STAMP_FILE, { throwIfNoEntry: false });
  if (!stamp || !statSync(CLI_ENTRY, { throwIfNoEntry: false })) return true;
  return SOURCES.some((source) => newestMtime(source) > stamp.mtimeMs);
}

/**
 * Writes each output beside its place and renames it there, so a command started while another build runs
 * reads either the old file or the new one, never half of one.
 */
function writeAtomically(outputFiles) {
  for (const file of outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

export async function buildCode() {
  const started = new Date();
  const { build } = await import('esbuild');
  const results = await Promise.all(
    BUNDLES.map((bundle) =>
      build({
        ...bundle,
        absWorkingDir: REPO_ROOT,
        outdir: OUT_DIR,
        bundle: true,
        platform: 'node',
        target: 'node20',
        write: false,
        logLevel: 'warning',
      }),
    ),
  );
  for (const result of results) writeAtomically(result.outputFiles);
  writeAtomically([
    { path: STAMP_FILE, contents: `${JSON.stringify({ builtAt: started.toISOString() })}\n` },
  ]);
  utimesSync(STAMP_FILE, started, started);
}

// `node scripts/build-code.js [--if-stale]`: `npm run build` compiles always; the tests only when needed.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  if (!process.argv.includes('--if-stale') || codeBuildIsStale()) {
    await buildCode();
    console.log(`Built out/cli and out/electron in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
