import type { Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** In the order the shell prefers them when the browser weighs them alike: Brotli's output is the smaller. */
const ENCODINGS: readonly Encoding[] = ['br', 'gzip'];

/** Text and code; images, fonts, tiles and audio are compressed in their own formats already. */
const COMPRESSIBLE_EXTENSIONS = new Set(['.html', '.js', '.css', '.json', '.svg', '.wasm']);

/**
 * Compression happens while a browser waits: quality 9 takes about 90 ms for the largest chunk (MapLibre,
 * 1.07 MB) where quality 11 takes 1.6 s for output only 9% smaller. It runs on libuv's thread pool, not the
 * event loop, and once per file and process.
 */
const BROTLI_QUALITY = 9;
const GZIP_LEVEL = 9;

/** A file past this is streamed as it is rather than held in memory whole to be compressed. */
const MAX_COMPRESSED_FILE_BYTES = 16 * 1024 * 1024;

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const COMPRESSORS: Record<Encoding, (raw: Buffer) => Promise<Buffer>> = {
  br: (raw) =>
    brotliAsync(raw, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    }),
  gzip: (raw) => gzipAsync(raw, { level: GZIP_LEVEL }),
};

export function isCompressible(file: string): boolean {
  return COMPRESSIBLE_EXTENSIONS.has(extname(file));
}

/** The weight (q-value) of each coding an Accept-Encoding header names; an unreadable weight counts as 0. */
function weights(acceptEncoding: string): Map<string, number> {
  const named = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [coding = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!coding) continue;
    const q = parameters.find((parameter) => parameter.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    named.set(coding, Number.isFinite(weight) ? weight : 0);
  }
  return named;
}

/**
 * The encoding to answer with (RFC 9110 §12.5.3): the accepted one the browser weighs highest, Brotli on a
 * tie, none (identity) when neither is accepted. A coding the header leaves out takes the weight of `*`.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const named = weights(acceptEncoding ?? '');
  const weightOf = (coding: Encoding) =>
    named.get(coding) ?? (coding === 'gzip' ? named.get('x-gzip') : undefined) ?? named.get('*') ?? 0;
  let chosen: Encoding | undefined;
  for (const coding of ENCODINGS) {
    if (weightOf(coding) > 0 && (chosen === undefined || weightOf(coding) > weightOf(chosen)))
      chosen = coding;
  }
  return chosen;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  encoded: Map<Encoding, Promise<Buffer | undefined>>;
}

/**
 * The renderer's scripts, styles and page compressed for the browser shell, each file once.
 *
 * They are compressed on their first request and kept in memory, not written beside the build as .br and
 * .gz files: the server then serves any folder it is given (a fresh build, a test's folder) the same way,
 * and no compressed copy can outlive a rebuild of its file, since a copy is keyed by the file's path, size
 * and modification time and made again when the size or the time changes. The renderer's 2.9 MB of text
 * compress to under 0.9 MB per encoding, so memory is not the constraint.
 */
export class CompressedAssets {
  private readonly files = new Map<string, CachedFile>();

  /**
   * The bytes of `file` in `encoding`, or undefined when they are not worth sending (no smaller than the
   * file, or the file too big to hold). `stats` is the file as the request found it: a copy made from an
   * older version of the file is dropped. Concurrent requests share one compression.
   */
  encoded(file: string, stats: Stats, encoding: Encoding): Promise<Buffer | undefined> {
    if (stats.size > MAX_COMPRESSED_FILE_BYTES) return Promise.resolve(undefined);
    let cached = this.files.get(file);
    if (!cached || cached.mtimeMs !== stats.mtimeMs || cached.size !== stats.size) {
      cached = { mtimeMs: stats.mtimeMs, size: stats.size, encoded: new Map() };
      this.files.set(file, cached);
    }
    const known = cached.encoded.get(encoding);
    if (known) return known;
    const made = readFile(file).then(async (raw) => {
      const compressed = await COMPRESSORS[encoding](raw);
      return compressed.length < raw.length ? compressed : undefined;
    });
    const versions = cached.encoded;
    versions.set(encoding, made);
    // A failed read (the file removed meanwhile) is not remembered: the next request tries again.
    made.catch(() => versions.get(encoding) === made && versions.delete(encoding));
    return made;
  }
}
