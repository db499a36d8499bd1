import { useCallback, useEffect, useState } from 'react';
import type { MapController } from '../controller/map-controller';
import {
  loadBasemapConfig,
  loadBasemapFile,
  saveBasemapConfig,
  saveBasemapFile,
  type BasemapConfig,
} from './basemap-setting';

/** The saved basemap, put under the map once the map exists, and a way to change it. */
export function useBasemap(controller: MapController | null) {
  const [config, setConfig] = useState<BasemapConfig>(loadBasemapConfig);

  useEffect(() => {
    if (!controller) return;
    const saved = loadBasemapConfig();
    if (saved.kind === 'none') return;
    void (saved.kind === 'pmtiles' ? loadBasemapFile() : Promise.resolve(undefined)).then((file) =>
      controller.setBasemap(saved, file),
    );
  }, [controller]);

  const apply = useCallback(
    async (next: BasemapConfig, file: File | undefined) => {
      if (next.kind === 'pmtiles' && file) await saveBasemapFile(file);
      const stored = next.kind === 'pmtiles' && !file ? await loadBasemapFile() : file;
      saveBasemapConfig(next);
      setConfig(next);
      await controller?.setBasemap(next, stored);
    },
    [controller],
  );

  return { config, apply };
}
