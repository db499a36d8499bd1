import type { Position } from 'geojson';
import { fromPolygons, polygonsOf, samePosition, type Polygonal } from './polygons';

/**
 * Simplifies a set of neighbouring polygons without opening gaps between them. Simplifying each
 * county on its own would move a shared border one way in one county and another way in its
 * neighbour; here every border is cut at the junctions where neighbours change, each piece (arc)
 * is simplified once, and every polygon that uses the arc gets the same simplified line.
 *
 * Works because the source draws shared borders through the same vertices on both sides.
 */
export function simplifySharedBorders(
  shapes: ReadonlyMap<string, Polygonal>,
  tolerance: number,
): Map<string, Polygonal | null> {
  const rings = new Map<string, Position[][][]>();
  for (const [code, geometry] of shapes) {
    rings.set(
      code,
      polygonsOf(geometry).map((polygon) => polygon.map(openRingWithoutSpikes)),
    );
  }
  const junctions = findJunctions([...rings.values()].flat(2));
  const simplifiedArcs = new Map<string, Position[]>();
  const result = new Map<string, Polygonal | null>();
  for (const [code, polygons] of rings) {
    const simplified: Position[][][] = [];
    for (const [outer, ...holes] of polygons) {
      const simplifiedOuter = simplifyRing(outer!, junctions, simplifiedArcs, tolerance);
      if (!simplifiedOuter) continue;
      const simplifiedHoles = holes
        .map((hole) => simplifyRing(hole, junctions, simplifiedArcs, tolerance))
        .filter((hole): hole is Position[] => hole !== null);
      simplified.push([simplifiedOuter, ...simplifiedHoles]);
    }
    result.set(code, fromPolygons(simplified));
  }
  return result;
}

const keyOf = (position: Position): string => `${position[0]},${position[1]}`;

/**
 * An open ring (no closing point) without repeated points or spikes (A B A): the source has both,
 * and both would make a junction look like a border to the neighbour detection below.
 */
function openRingWithoutSpikes(ring: readonly Position[]): Position[] {
  const open: Position[] = [];
  for (const position of ring) {
    const last = open[open.length - 1];
    if (last && samePosition(last, position)) continue;
    const beforeLast = open[open.length - 2];
    if (beforeLast && samePosition(beforeLast, position)) {
      open.pop();
      continue;
    }
    open.push(position);
  }
  let changed = true;
  while (changed && open.length >= 3) {
    changed = false;
    if (samePosition(open[0]!, open[open.length - 1]!) || samePosition(open[open.length - 2]!, open[0]!)) {
      open.pop();
      changed = true;
    } else if (samePosition(open[open.length - 1]!, open[1]!)) {
      open.shift();
      changed = true;
    }
  }
  return open;
}

/**
 * A vertex is a junction when it is not passed the same way by every ring that uses it (its
 * neighbours differ): that is where a border between two counties starts or ends.
 */
function findJunctions(openRings: readonly Position[][]): Set<string> {
  const neighbours = new Map<string, string>();
  const junctions = new Set<string>();
  for (const ring of openRings) {
    ring.forEach((position, index) => {
      const previous = keyOf(ring[(index + ring.length - 1) % ring.length]!);
      const next = keyOf(ring[(index + 1) % ring.length]!);
      const pair = previous < next ? `${previous}|${next}` : `${next}|${previous}`;
      const key = keyOf(position);
      const seen = neighbours.get(key);
      if (seen === undefined) neighbours.set(key, pair);
      else if (seen !== pair) junctions.add(key);
    });
  }
  return junctions;
}

/** Returns the closed simplified ring, or null when it collapses to nothing. */
function simplifyRing(
  openRing: readonly Position[],
  junctions: ReadonlySet<string>,
  simplifiedArcs: Map<string, Position[]>,
  tolerance: number,
): Position[] | null {
  if (openRing.length < 3) return null;
  let starts = openRing.flatMap((position, index) => (junctions.has(keyOf(position)) ? [index] : []));
  if (starts.length === 0) {
    // A ring nobody else touches (an island, or an enclave's outline): start at a canonical vertex
    // so that the enclave and the hole around it are cut the same way.
    const keys = openRing.map(keyOf);
    starts = [keys.indexOf([...keys].sort()[0]!)];
  }
  const ring: Position[] = [];
  starts.forEach((start, i) => {
    const end = starts[(i + 1) % starts.length]!;
    const arc: Position[] = [];
    for (let index = start; ; index = (index + 1) % openRing.length) {
      arc.push(openRing[index]!);
      if (arc.length > 1 && index === end) break;
    }
    const simplified = simplifyArc(arc, simplifiedArcs, tolerance);
    ring.push(...simplified.slice(0, -1));
  });
  ring.push(ring[0]!);
  const distinct = new Set(ring.map(keyOf));
  return distinct.size >= 3 ? ring : null;
}

/** Simplifies an arc in one canonical direction and caches it, so both sides of a border agree. */
function simplifyArc(arc: Position[], cache: Map<string, Position[]>, tolerance: number): Position[] {
  const forward = arc.map(keyOf).join(';');
  const backward = arc.map(keyOf).reverse().join(';');
  const reversed = backward < forward;
  const canonicalKey = reversed ? backward : forward;
  let simplified = cache.get(canonicalKey);
  if (!simplified) {
    simplified = douglasPeucker(reversed ? [...arc].reverse() : arc, tolerance);
    cache.set(canonicalKey, simplified);
  }
  return reversed ? [...simplified].reverse() : simplified;
}

function squaredSegmentDistance(point: Position, start: Position, end: Position): number {
  const [px, py] = point as [number, number];
  let [x, y] = start as [number, number];
  const dx = end[0]! - x;
  const dy = end[1]! - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) [x, y] = end as [number, number];
    else if (t > 0) [x, y] = [x + dx * t, y + dy * t];
  }
  return (px - x) ** 2 + (py - y) ** 2;
}

/** Douglas–Peucker keeping both ends: the ends of an arc are junctions shared with other arcs. */
function douglasPeucker(points: readonly Position[], tolerance: number): Position[] {
  const keep = new Array<boolean>(points.length).fill(false);
  keep[0] = true;
  keep[points.length - 1] = true;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance * tolerance;
    for (let i = first + 1; i < last; i += 1) {
      const distance = squaredSegmentDistance(points[i]!, points[first]!, points[last]!);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest > 0) {
      keep[farthest] = true;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, index) => keep[index]);
}
