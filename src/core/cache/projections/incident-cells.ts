import type Database from 'better-sqlite3';
import { entityLocation, type Incident } from '../../../domain';
import type { CacheProjection, ProjectionWriter } from './projection';

/**
 * Open incidents counted per map cell at a few zoom levels, so the wall's first frame of a whole prefecture
 * reads a few thousand rows however many incidents the cache holds. A cell is a square of the Web Mercator
 * tile grid at `zoom`; each row counts the open incidents of one jurisdiction (the incident's own code) in
 * one cell, so a scope is a range of codes and a cluster is the sum of its cell's rows. The sums of the
 * positions give each cluster its centre of mass, the counts by grade its colour.
 */
export const INCIDENT_CELLS_SCHEMA = `
  DROP TABLE IF EXISTS incident_cell;
  DROP TABLE IF EXISTS incident_cell_member;
  CREATE TABLE incident_cell (
    zoom INTEGER NOT NULL,
    jurisdiction TEXT NOT NULL,
    x INTEGER NOT NULL,
    y INTEGER NOT NULL,
    n INTEGER NOT NULL,
    high INTEGER NOT NULL,
    medium INTEGER NOT NULL,
    low INTEGER NOT NULL,
    -- Sums of the positions in ten-millionths of a degree (about 1 cm): whole numbers, so adding and taking
    -- away in any order leaves them exact.
    sum_lng INTEGER NOT NULL,
    sum_lat INTEGER NOT NULL,
    PRIMARY KEY (zoom, jurisdiction, x, y)
  ) WITHOUT ROWID;
  -- What each open incident was counted as, so a change takes it out of the cell it was in.
  CREATE TABLE incident_cell_member (
    rowid INTEGER PRIMARY KEY,
    jurisdiction TEXT NOT NULL,
    lng REAL NOT NULL,
    lat REAL NOT NULL,
    risk TEXT NOT NULL
  );
`;

/**
 * The cell zooms kept. The wall draws clusters about 44 px across; a display zoom is served by the first kept
 * cell zoom at least one above it, which makes its cells 64 to 128 px.
 */
export const CELL_ZOOMS = [7, 9, 11, 13, 15] as const;
/** Positions are summed in these fractions of a degree. */
export const POSITION_SCALE = 1e7;

export function cellZoomFor(displayZoom: number): number {
  return CELL_ZOOMS.find((zoom) => zoom >= Math.floor(displayZoom) + 1) ?? CELL_ZOOMS[CELL_ZOOMS.length - 1]!;
}

/** The tile column of a longitude at `zoom`. */
export function cellX(lng: number, zoom: number): number {
  const size = 2 ** zoom;
  return Math.min(size - 1, Math.max(0, Math.floor(((lng + 180) / 360) * size)));
}

/** The tile row of a latitude at `zoom` (Web Mercator, north at row 0). */
export function cellY(lat: number, zoom: number): number {
  const size = 2 ** zoom;
  const clamped = Math.max(-85.05112878, Math.min(85.05112878, lat));
  const sin = Math.sin((clamped * Math.PI) / 180);
  const y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * size;
  return Math.min(size - 1, Math.max(0, Math.floor(y)));
}

interface Member {
  jurisdiction: string;
  lng: number;
  lat: number;
  risk: string;
}

const sameMember = (a: Member, b: Member) =>
  a.jurisdiction === b.jurisdiction && a.lng === b.lng && a.lat === b.lat && a.risk === b.risk;

function openWriter(db: Database.Database): ProjectionWriter {
  const member = db.prepare('SELECT jurisdiction, lng, lat, risk FROM incident_cell_member WHERE rowid = ?');
  const putMember = db.prepare(
    'INSERT OR REPLACE INTO incident_cell_member (rowid, jurisdiction, lng, lat, risk) VALUES (?, ?, ?, ?, ?)',
  );
  const dropMember = db.prepare('DELETE FROM incident_cell_member WHERE rowid = ?');
  const add = db.prepare(
    `INSERT INTO incident_cell (zoom, jurisdiction, x, y, n, high, medium, low, sum_lng, sum_lat)
     VALUES (@zoom, @jurisdiction, @x, @y, @n, @high, @medium, @low, @lng, @lat)
     ON CONFLICT (zoom, jurisdiction, x, y) DO UPDATE SET n = n + excluded.n, high = high + excluded.high,
       medium = medium + excluded.medium, low = low + excluded.low,
       sum_lng = sum_lng + excluded.sum_lng, sum_lat = sum_lat + excluded.sum_lat`,
  );
  const dropEmpty = db.prepare(
    'DELETE FROM incident_cell WHERE zoom = ? AND jurisdiction = ? AND x = ? AND y = ? AND n = 0',
  );

  const count = ({ jurisdiction, lng, lat, risk }: Member, sign: 1 | -1) => {
    for (const zoom of CELL_ZOOMS) {
      const [x, y] = [cellX(lng, zoom), cellY(lat, zoom)];
      add.run({
        zoom,
        jurisdiction,
        x,
        y,
        n: sign,
        high: risk === 'high' ? sign : 0,
        medium: risk === 'medium' ? sign : 0,
        low: risk === 'low' ? sign : 0,
        lng: sign * Math.round(lng * POSITION_SCALE),
        lat: sign * Math.round(lat * POSITION_SCALE),
      });
      if (sign < 0) dropEmpty.run(zoom, jurisdiction, x, y);
    }
  };

  return {
    write(entity, rowid) {
      if (entity.kind !== 'incident') return;
      const incident = entity.doc as Incident;
      const location = entityLocation('incident', incident);
      const was = member.get(rowid) as Member | undefined;
      const now: Member | undefined =
        incident.stage === 'closed' || !location
          ? undefined
          : {
              jurisdiction: incident.jurisdictionCode,
              lng: location[0],
              lat: location[1],
              risk: incident.riskLevel ?? 'ungraded',
            };
      if (was && now && sameMember(was, now)) return;
      if (was) {
        count(was, -1);
        dropMember.run(rowid);
      }
      if (now) {
        count(now, 1);
        putMember.run(rowid, now.jurisdiction, now.lng, now.lat, now.risk);
      }
    },
  };
}

export const incidentCells: CacheProjection = {
  name: 'incident-cells',
  version: 1,
  kinds: ['incident'],
  reset: (db) => db.exec(INCIDENT_CELLS_SCHEMA),
  open: openWriter,
};

/** One cluster of open incidents: where its incidents' centre is, how many, and how many of each grade. */
export interface IncidentCell {
  lng: number;
  lat: number;
  count: number;
  high: number;
  medium: number;
  low: number;
}

/** Reads the cells of a scope (a jurisdiction code; '' for everything) at the cell zoom serving a display zoom. */
export function incidentCellReader(db: Database.Database) {
  const cells = db.prepare(
    `SELECT SUM(sum_lng) * 1.0 / SUM(n) / ${POSITION_SCALE} AS lng, SUM(sum_lat) * 1.0 / SUM(n) / ${POSITION_SCALE} AS lat,
       SUM(n) AS count, SUM(high) AS high,
       SUM(medium) AS medium, SUM(low) AS low
     FROM incident_cell
     WHERE zoom = ? AND jurisdiction >= ? AND jurisdiction < ? AND x BETWEEN ? AND ? AND y BETWEEN ? AND ?
     GROUP BY x, y HAVING SUM(n) > 0`,
  );
  const total = db
    .prepare(
      `SELECT COALESCE(SUM(n), 0) FROM incident_cell WHERE zoom = ? AND jurisdiction >= ? AND jurisdiction < ?`,
    )
    .pluck();
  return {
    /** The clusters whose cells meet `bbox` ([west, south, east, north]). */
    cells(scope: string, displayZoom: number, [west, south, east, north]: readonly number[]): IncidentCell[] {
      const zoom = cellZoomFor(displayZoom);
      const columns = [cellX(west!, zoom), cellX(east!, zoom)];
      const rows = [cellY(north!, zoom), cellY(south!, zoom)];
      return cells.all(zoom, scope, `${scope}:`, ...columns, ...rows) as IncidentCell[];
    },
    /** Every open incident of the scope that has a place on the map. */
    total: (scope: string) => total.get(CELL_ZOOMS[0], scope, `${scope}:`) as number,
  };
}
