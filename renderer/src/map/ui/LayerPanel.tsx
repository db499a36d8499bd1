import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { StaleNote } from '../../links/StaleNote';
import {
  DANGEROUS_OBJECT_ICON,
  forceIcon,
  incidentIcon,
  monitoringIcon,
  SENSITIVE_PLACE_ICON,
} from '../engine/icons';
import { GRID_COLOURINGS, MAP_LAYERS, type GridColouring, type MapLayerId } from '../layers/context';
import { LOAD_CLASSES } from '../style/palette';
import { Segmented } from './Segmented';
import { ColourPatch, Swatch } from './Swatch';

const LAYER_SWATCH: Record<MapLayerId, ReactElement> = {
  grids: <ColourPatch colour={LOAD_CLASSES[2].colour} />,
  incidents: <Swatch icon={incidentIcon('high')} />,
  'monitoring-points': <Swatch icon={monitoringIcon('camera-1', 'online')} />,
  forces: <Swatch icon={forceIcon('grid-worker')} />,
  'sensitive-places': <Swatch icon={SENSITIVE_PLACE_ICON} />,
  'dangerous-objects': <Swatch icon={DANGEROUS_OBJECT_ICON} />,
};

export interface LayerPanelProps {
  visible: Record<MapLayerId, boolean>;
  counts: Record<MapLayerId, number | null>;
  onlineShare: number | null;
  gridColouring: GridColouring;
  onToggle(layer: MapLayerId, visible: boolean): void;
  onGridColouring(mode: GridColouring): void;
}

/** One switch per layer, each with how many of its things the current scope holds. */
export function LayerPanel(props: LayerPanelProps) {
  const { t, i18n } = useTranslation();
  return (
    <section className="map-panel">
      <h3>{t('map.layers.heading')}</h3>
      <StaleNote />
      <ul className="map-layer-list">
        {MAP_LAYERS.map((layer) => (
          <li key={layer}>
            <label>
              <input
                type="checkbox"
                data-testid={`layer-toggle-${layer}`}
                checked={props.visible[layer]}
                onChange={(event) => props.onToggle(layer, event.target.checked)}
              />
              {LAYER_SWATCH[layer]}
              <span className="map-layer-name">{t(`map.layers.${layer}`)}</span>
              <span className="map-count" data-testid={`layer-count-${layer}`}>
                {props.counts[layer]?.toLocaleString(i18n.language) ?? t('map.layers.loading')}
              </span>
            </label>
            {layer === 'monitoring-points' && props.onlineShare !== null && (
              <span className="map-sub-count">
                {t('map.onlineShare', { percent: (props.onlineShare * 100).toFixed(1) })}
              </span>
            )}
            {layer === 'grids' && (
              <Segmented
                label={t('map.gridColouring.label')}
                options={GRID_COLOURINGS}
                value={props.gridColouring}
                onChange={props.onGridColouring}
                text={(mode) => t(`map.gridColouring.${mode}`)}
                testIdPrefix="grid-colouring-"
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
