import { MAP_FEATURE_PAGE_SIZE, type DesktopApi } from '../../../../src/core/contract/api';
import { WordedError } from '../../../../src/domain';
import { entitiesFromColumns, type MapEntity } from './entities';

export interface IncidentLoadProgress {
  loaded: number;
  /** Every open incident of the scope with a place on the map, as counted when the load began. */
  total: number;
}

/**
 * Reads every open incident of `root` a page at a time, telling how far it has got after each page. Null when
 * `cancelled` says to stop (a newer load began, or the map is gone).
 */
export async function loadIncidentPages(
  api: DesktopApi,
  root: string,
  onProgress: (progress: IncidentLoadProgress) => void,
  cancelled: () => boolean,
): Promise<MapEntity[] | null> {
  const counted = await api.call('map.incidentCells', { zoom: 0, bbox: [-180, -85, 180, 85], scope: root });
  if (!counted.ok) throw new WordedError(counted.error);
  const incidents: MapEntity[] = [];
  onProgress({ loaded: 0, total: counted.value.total });
  for (let after: number | null = 0; after !== null; ) {
    if (cancelled()) return null;
    const from: number = after;
    const answer = await api.call('map.features', {
      kind: 'incident',
      scope: root,
      page: { after: from, limit: MAP_FEATURE_PAGE_SIZE },
    });
    if (!answer.ok) throw new WordedError(answer.error);
    for (const incident of entitiesFromColumns(answer.value)) incidents.push(incident);
    after = answer.value.next ?? null;
    onProgress({ loaded: incidents.length, total: Math.max(counted.value.total, incidents.length) });
  }
  return incidents;
}
