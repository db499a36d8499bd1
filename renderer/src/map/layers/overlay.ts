import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { RegionData } from '../data/region-data';
import { boundaryLineLayers, boundarySources, landLayers, regionHitLayers } from './boundaries';
import type { OverlayContext } from './context';
import { forceLayers, forceSources } from './forces';
import { gridLoadLayers, gridLoadSources } from './grid-load';
import { incidentLayers, incidentSources } from './incidents';
import { monitoringDensityLayers, monitoringSources, monitoringSymbolLayers } from './monitoring-points';
import { regionLabelLayers, regionLabelSources } from './region-labels';
import { targetLayers, targetSources } from './targets';

/**
 * Every source the overlay draws from. The region's own (boundaries, names) come with their data;
 * those of live things start empty and are filled once the style has loaded.
 */
export function overlaySources(region: RegionData): Record<string, SourceSpecification> {
  return {
    ...boundarySources(region),
    ...regionLabelSources(region),
    ...gridLoadSources(),
    ...targetSources(),
    ...monitoringSources(),
    ...forceSources(),
    ...incidentSources(),
  };
}

/**
 * The overlay's layers, bottom to top. It always sits above any basemap. Among symbols, the later layer
 * wins a collision, so incidents outrank forces, which outrank names.
 */
export function overlayLayers(context: OverlayContext): LayerSpecification[] {
  return [
    ...landLayers(context),
    ...gridLoadLayers(context),
    ...regionHitLayers(context),
    ...boundaryLineLayers(context),
    ...monitoringDensityLayers(context),
    ...regionLabelLayers(context),
    ...monitoringSymbolLayers(context),
    ...targetLayers(context),
    ...forceLayers(context),
    ...incidentLayers(context),
  ];
}
