import type { Position } from 'geojson';
import type { Polygonal } from './polygons';
import { seededRandom } from '../seeded-random';
import { settle } from './settle';
import { partition } from './voronoi';

export interface Area {
  code: string;
  geometry: Polygonal;
  /** Where the area's seat is: urban children gather around it. */
  seat: Position;
}

export interface Child {
  code: string;
  urban: boolean;
}

/**
 * Gives each child a part of its parent. The random sequence is seeded by the parent's code alone,
 * so a parent is always split the same way, whatever else is built alongside it.
 */
export function subdivide(parent: Area, children: readonly Child[]): Area[] {
  if (children.length === 1) {
    return [{ code: children[0]!.code, geometry: parent.geometry, seat: parent.seat }];
  }
  const parts = partition({
    parent: parent.geometry,
    clustered: children.map((child) => child.urban),
    anchor: parent.seat,
    random: seededRandom(parent.code),
  });
  return children.map((child, index) => {
    const part = parts[index]!;
    return { code: child.code, geometry: settle(part.geometry, child.code), seat: part.seed };
  });
}
