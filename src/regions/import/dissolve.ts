import { feature, featureCollection } from '@turf/helpers';
import { union } from '@turf/union';
import { JURISDICTION_LEVELS, type Jurisdiction } from '../../domain/jurisdiction';
import type { BoundaryCollection, RegionData } from '../store';
import type { GridGeometry } from './validate-geometry';

/**
 * Every level's boundaries: the grids as imported and each jurisdiction above them as the union of its
 * children, villages first, so each union works on the few shapes just below rather than on all grids.
 *
 * @param jurisdictions the whole region, grids included
 * @param gridGeometries each grid's geometry, by grid code
 */
export function dissolveBoundaries(
  jurisdictions: readonly Jurisdiction[],
  gridGeometries: ReadonlyMap<string, GridGeometry>,
): RegionData['boundaries'] {
  const shapes = new Map<string, GridGeometry>(gridGeometries);
  const childrenOf = new Map<string, string[]>();
  for (const { code, parentCode } of jurisdictions) {
    if (parentCode === null) continue;
    const siblings = childrenOf.get(parentCode);
    if (siblings) siblings.push(code);
    else childrenOf.set(parentCode, [code]);
  }
  const deepestFirst = [...JURISDICTION_LEVELS].reverse();
  for (const level of deepestFirst) {
    for (const { code } of jurisdictions.filter((j) => j.level === level && !shapes.has(j.code))) {
      const parts = (childrenOf.get(code) ?? []).flatMap((child) => shapes.get(child) ?? []);
      const shape = unionOf(parts);
      if (shape) shapes.set(code, shape);
    }
  }

  const boundaries: RegionData['boundaries'] = {};
  for (const level of JURISDICTION_LEVELS) {
    const features: BoundaryCollection['features'] = jurisdictions
      .filter((j) => j.level === level)
      .flatMap(({ code, name, parentCode }) => {
        const geometry = shapes.get(code);
        return geometry ? [feature(geometry, { code, name, level, parentCode })] : [];
      });
    if (features.length > 0) boundaries[level] = featureCollection(features);
  }
  return boundaries;
}

function unionOf(parts: readonly GridGeometry[]): GridGeometry | undefined {
  if (parts.length <= 1) return parts[0];
  return union(featureCollection(parts.map((part) => feature(part))))?.geometry;
}
