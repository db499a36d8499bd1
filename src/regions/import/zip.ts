import { crc32, inflateRawSync } from 'node:zlib';

/**
 * What a grids archive may unpack to. A zipped Shapefile of a prefecture's grids is tens of megabytes;
 * these leave room for a province while keeping a zip bomb (a few megabytes that inflate to gigabytes)
 * from exhausting memory.
 */
export const ZIP_LIMITS = {
  entries: 256,
  entryBytes: 128 * 2 ** 20,
  totalBytes: 256 * 2 ** 20,
} as const;

export type ZipLimits = { [key in keyof typeof ZIP_LIMITS]: number };

/** The archive cannot be unpacked safely or at all; the message names the archive and the cause. */
export class ZipError extends Error {}

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedBytes: number;
  declaredBytes: number;
  localHeaderOffset: number;
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_RECORD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 0x1;
/** Large output chunks keep inflating fast: the limit is enforced between chunks, not per byte. */
const INFLATE_CHUNK_BYTES = 4 * 2 ** 20;

export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return `${Math.round(bytes / 2 ** 20)} MiB`;
  return `${Math.round(bytes / 2 ** 10)} KiB`;
}

/**
 * Unpacks the entries `wanted` picks (by name) from a zip archive. Only the central directory is
 * trusted for where entries are; their sizes are not: each entry is inflated with a ceiling on its
 * output, so an entry whose header understates its size is stopped as it inflates.
 */
export function unzipEntries(
  bytes: Buffer,
  archiveName: string,
  wanted: (name: string) => boolean,
  limits: ZipLimits = ZIP_LIMITS,
): Map<string, Buffer> {
  const entries = readCentralDirectory(bytes, archiveName, limits);
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    const budget = Math.min(limits.entryBytes, limits.totalBytes - total);
    const content = inflateEntry(bytes, entry, archiveName, budget, limits);
    total += content.length;
    files.set(entry.name, content);
  }
  return files;
}

function readCentralDirectory(bytes: Buffer, archiveName: string, limits: ZipLimits): ZipEntry[] {
  const end = findEndRecord(bytes);
  if (end === undefined) throw new ZipError(`${archiveName} is not a zip file, or is truncated`);
  const count = bytes.readUInt16LE(end + 10);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    throw new ZipError(`${archiveName} is a ZIP64 archive: zip the Shapefile with a standard zip tool`);
  }
  if (count > limits.entries) {
    throw new ZipError(
      `${archiveName} holds ${count} entries, more than the ${limits.entries} a zipped Shapefile may hold`,
    );
  }
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < count; index += 1) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_SIGNATURE) {
      throw new ZipError(`${archiveName} is not a readable zip: its directory is damaged`);
    }
    const nameBytes = bytes.readUInt16LE(offset + 28);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameBytes);
    entries.push({
      name,
      flags: bytes.readUInt16LE(offset + 8),
      method: bytes.readUInt16LE(offset + 10),
      crc: bytes.readUInt32LE(offset + 16),
      compressedBytes: bytes.readUInt32LE(offset + 20),
      declaredBytes: bytes.readUInt32LE(offset + 24),
      localHeaderOffset: bytes.readUInt32LE(offset + 42),
    });
    offset += 46 + nameBytes + bytes.readUInt16LE(offset + 30) + bytes.readUInt16LE(offset + 32);
  }
  return entries;
}

/** The end record (PKWARE APPNOTE 4.3.16) is the last 22 bytes, or precedes a comment of at most 64 KiB. */
function findEndRecord(bytes: Buffer): number | undefined {
  const lastPossible = bytes.length - END_RECORD_BYTES;
  for (let at = lastPossible; at >= 0 && at >= lastPossible - MAX_COMMENT_BYTES; at -= 1) {
    if (bytes.readUInt32LE(at) === END_SIGNATURE) return at;
  }
  return undefined;
}

function inflateEntry(
  bytes: Buffer,
  entry: ZipEntry,
  archiveName: string,
  budget: number,
  limits: ZipLimits,
): Buffer {
  const where = `${archiveName} entry ${entry.name}`;
  const tooLarge = (): ZipError =>
    new ZipError(
      `${where} unpacks to more than ${budget === limits.entryBytes ? `${formatBytes(limits.entryBytes)}, the limit for one entry` : `${formatBytes(limits.totalBytes)} in all, the limit for the archive`}`,
    );
  if (entry.flags & ENCRYPTED_FLAG) throw new ZipError(`${where} is encrypted: zip it without a password`);
  if (budget <= 0 || entry.declaredBytes > budget) throw tooLarge();
  const data = entryData(bytes, entry, where);
  let content: Buffer;
  if (entry.method === STORED) {
    if (data.length > budget) throw tooLarge();
    content = data;
  } else if (entry.method === DEFLATED) {
    try {
      content = inflateRawSync(data, { maxOutputLength: budget, chunkSize: INFLATE_CHUNK_BYTES });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
      throw new ZipError(`${where} is corrupt: ${(error as Error).message}`);
    }
  } else {
    throw new ZipError(`${where} uses compression method ${entry.method}; only stored and deflated are read`);
  }
  if (crc32(content) >>> 0 !== entry.crc)
    throw new ZipError(`${where} is corrupt: its checksum does not match`);
  return content;
}

function entryData(bytes: Buffer, entry: ZipEntry, where: string): Buffer {
  const local = entry.localHeaderOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL_SIGNATURE) {
    throw new ZipError(`${where} is missing from the archive (truncated or damaged zip)`);
  }
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const end = start + entry.compressedBytes;
  if (end > bytes.length) throw new ZipError(`${where} runs past the end of the archive (truncated zip)`);
  return bytes.subarray(start, end);
}
