/**
 * The basemap under the region overlay: none (the default, fully offline), a MapLibre style on a tile server
 * the centre runs, Tianditu with the centre's key, or a PMTiles file on this machine. The choice lives in
 * localStorage; a picked file is kept in IndexedDB, since a page cannot reopen a path by itself.
 */
export type BasemapConfig =
  | { kind: 'none' }
  | { kind: 'style-url'; url: string }
  | { kind: 'tianditu'; key: string }
  | { kind: 'pmtiles'; fileName: string };

export const BASEMAP_KINDS = ['none', 'style-url', 'tianditu', 'pmtiles'] as const;

const STORAGE_KEY = 'pingan.map.basemap';
const DATABASE = 'pingan-map';
const FILES = 'files';
const BASEMAP_FILE = 'basemap';

export function loadBasemapConfig(): BasemapConfig {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<BasemapConfig> | null;
    if (saved?.kind === 'style-url' && typeof saved.url === 'string')
      return { kind: 'style-url', url: saved.url };
    if (saved?.kind === 'tianditu' && typeof saved.key === 'string')
      return { kind: 'tianditu', key: saved.key };
    if (saved?.kind === 'pmtiles' && typeof saved.fileName === 'string')
      return { kind: 'pmtiles', fileName: saved.fileName };
  } catch {
    // An unreadable setting is no setting: fall back to the offline default.
  }
  return { kind: 'none' };
}

export function saveBasemapConfig(config: BasemapConfig): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(config));
}

function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(FILES);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is unavailable'));
  });
}

async function withFiles<T>(
  mode: IDBTransactionMode,
  act: (files: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const database = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = act(database.transaction(FILES, mode).objectStore(FILES));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    database.close();
  }
}

export async function saveBasemapFile(file: File): Promise<void> {
  await withFiles('readwrite', (files) => files.put(file, BASEMAP_FILE));
}

export async function loadBasemapFile(): Promise<File | undefined> {
  const stored = await withFiles<unknown>('readonly', (files) => files.get(BASEMAP_FILE));
  return stored instanceof File ? stored : undefined;
}
