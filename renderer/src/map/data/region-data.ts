import type { Feature, FeatureCollection, Point } from 'geojson';
import type { DesktopApi, DesktopApiOutput } from '../../../../src/core/contract/api';
import { JURISDICTION_LEVELS, levelOfCode, WordedError, type JurisdictionLevel } from '../../../../src/domain';
import { boundsOf, labelPointOf, type Area, type Bounds } from './geometry';

export type BoundaryCollection = DesktopApiOutput<'region.boundaries'>;

export interface RegionUnit {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
  area: Area;
  bounds: Bounds;
  labelPoint: [number, number];
}

export interface RegionLabelProperties {
  code: string;
  name: string;
  level: JurisdictionLevel;
}

/** The operator's jurisdiction, every level of it down to the grids, as the map draws and names it. */
export interface RegionData {
  root: string;
  boundaries: Map<JurisdictionLevel, BoundaryCollection>;
  units: Map<string, RegionUnit>;
  labels: FeatureCollection<Point, RegionLabelProperties>;
}

/** The levels at and below the root's, the only ones an operator of that root may see. */
export function levelsFrom(root: string): JurisdictionLevel[] {
  const rootLevel = levelOfCode(root);
  if (!rootLevel) throw new Error(`${root} is not a jurisdiction code`);
  return JURISDICTION_LEVELS.slice(JURISDICTION_LEVELS.indexOf(rootLevel));
}

export async function loadRegionData(api: DesktopApi, root: string): Promise<RegionData> {
  const levels = levelsFrom(root);
  const answers = await Promise.all(levels.map((level) => api.call('region.boundaries', { level, scope: root })));
  const boundaries = new Map<JurisdictionLevel, BoundaryCollection>();
  const units = new Map<string, RegionUnit>();
  const labels: Feature<Point, RegionLabelProperties>[] = [];
  answers.forEach((answer, i) => {
    if (!answer.ok) throw new WordedError(answer.error);
    boundaries.set(levels[i]!, answer.value);
    for (const feature of answer.value.features) {
      const area = feature.geometry as unknown as Area;
      const { code, name, level, parentCode } = feature.properties;
      const unit: RegionUnit = {
        code,
        name,
        level,
        parentCode,
        area,
        bounds: boundsOf(area),
        labelPoint: labelPointOf(area),
      };
      units.set(code, unit);
      labels.push({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: unit.labelPoint },
        properties: { code, name, level },
      });
    }
  });
  return { root, boundaries, units, labels: { type: 'FeatureCollection', features: labels } };
}
