import type Database from 'better-sqlite3';
import type { MonitoringPoint } from '../../../domain';
import type { CacheProjection, ProjectionWriter } from './projection';

/**
 * One row per monitoring point, in plain columns: what the map draws of it, what the online rate counts and
 * where coverage looks from. A Dali cache holds 146,512 points; reading them out of their documents took a
 * second for every map load and every coverage pass, reading these columns a fraction of that. `rowid` is
 * the point's row in `entities`; points are never removed.
 */
export const MONITORING_POINTS_SCHEMA = `
  DROP TABLE IF EXISTS monitoring_point_index;
  DROP TABLE IF EXISTS monitoring_status_tally;
  CREATE TABLE monitoring_point_index (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    jurisdiction TEXT NOT NULL,
    kind TEXT NOT NULL,
    camera_class INTEGER,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    lng REAL NOT NULL,
    lat REAL NOT NULL,
    version INTEGER NOT NULL
  );
  CREATE UNIQUE INDEX monitoring_point_index_id ON monitoring_point_index (id);
  CREATE INDEX monitoring_point_index_jurisdiction ON monitoring_point_index (jurisdiction);
  -- The points by status, kept as they change: the status bar's counts read a handful of rows.
  CREATE TABLE monitoring_status_tally (
    status TEXT PRIMARY KEY,
    n INTEGER NOT NULL
  ) WITHOUT ROWID;
`;

function openWriter(db: Database.Database): ProjectionWriter {
  const upsert = db.prepare(
    `INSERT INTO monitoring_point_index (rowid, id, jurisdiction, kind, camera_class, status, name, lng, lat, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (rowid) DO UPDATE SET jurisdiction = excluded.jurisdiction, kind = excluded.kind,
       camera_class = excluded.camera_class, status = excluded.status, name = excluded.name,
       lng = excluded.lng, lat = excluded.lat, version = excluded.version`,
  );
  const statusOf = db.prepare('SELECT status FROM monitoring_point_index WHERE rowid = ?').pluck();
  const count = db.prepare(
    `INSERT INTO monitoring_status_tally (status, n) VALUES (?, ?)
     ON CONFLICT (status) DO UPDATE SET n = n + excluded.n`,
  );
  return {
    write(entity, rowid) {
      if (entity.kind !== 'monitoring-point') return;
      const point = entity.doc as MonitoringPoint;
      const was = statusOf.get(rowid) as string | undefined;
      if (was !== point.status) {
        if (was !== undefined) count.run(was, -1);
        count.run(point.status, 1);
      }
      upsert.run(
        rowid,
        point.id,
        entity.jurisdiction,
        point.kind,
        point.cameraClass,
        point.status,
        point.name,
        point.location[0],
        point.location[1],
        entity.version,
      );
    },
  };
}

export const monitoringPoints: CacheProjection = {
  name: 'monitoring-points',
  version: 2,
  kinds: ['monitoring-point'],
  reset: (db) => db.exec(MONITORING_POINTS_SCHEMA),
  open: openWriter,
};
