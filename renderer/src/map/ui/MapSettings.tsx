import { useTranslation } from 'react-i18next';
import type { MapSnapshot } from '../controller/snapshot';
import type { useBasemap } from '../settings/use-basemap';
import { BasemapSetting } from './BasemapSetting';
import { DisplaySettings } from './DisplaySettings';

/** The map's folded settings: reading size, the chime, and the basemap under the region. */
export function MapSettings({
  basemap,
  basemapState,
  fontScale,
  chime,
  onFontScale,
  onChime,
}: {
  basemap: ReturnType<typeof useBasemap>;
  basemapState: MapSnapshot['basemap'];
  fontScale: number;
  chime: boolean;
  onFontScale(scale: number): void;
  onChime(on: boolean): void;
}) {
  const { t } = useTranslation();
  return (
    <details className="map-panel map-settings">
      <summary>
        <h3>{t('map.settings')}</h3>
      </summary>
      <DisplaySettings fontScale={fontScale} chime={chime} onFontScale={onFontScale} onChime={onChime} />
      <BasemapSetting
        config={basemap.config}
        loading={basemapState.loading}
        problem={basemapState.problem}
        onApply={(config, file) => void basemap.apply(config, file)}
      />
    </details>
  );
}
