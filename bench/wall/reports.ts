import { pointOnFeature } from '@turf/point-on-feature';
import { readBoundaries } from '../../src/regions/store';
import type { Progress } from '../lib/progress';
import { REGION } from '../hub/dali';
import { WALL_BENCH } from './settings';

export interface Village {
  code: string;
  location: [number, number];
}

/** Every village of the region with a point inside it: where the benchmark's reports are filed, in turn. */
export function villagesOfRegion(): Village[] {
  const villages = readBoundaries(REGION, 'village');
  if (!villages) throw new Error(`region ${REGION} has no village boundaries`);
  return villages.features.map((feature) => ({
    code: String(feature.properties.code),
    location: pointOnFeature(feature).geometry.coordinates as [number, number],
  }));
}

/**
 * Files reports `from` (inclusive) to `to` (exclusive) through the hub's ingest API, as citizens' QR reports
 * spread over every village; each stays open (nobody assesses it), so each is on the wall.
 */
export async function fileReports(
  hub: { url: string; apiKey: string },
  villages: readonly Village[],
  from: number,
  to: number,
  progress: Progress,
): Promise<void> {
  for (let start = from; start < to; start += WALL_BENCH.reportsPerRequest) {
    const reports = Array.from({ length: Math.min(WALL_BENCH.reportsPerRequest, to - start) }, (_, i) => {
      const n = start + i;
      const village = villages[n % villages.length]!;
      return {
        id: `wall-bench-${n}`,
        source: 'citizen-qr',
        kind: 'dispute',
        category: 'neighbourhood',
        title: `邻里纠纷 ${n}`,
        jurisdictionCode: village.code,
        location: village.location,
        address: `${village.code} 村委会旁`,
      };
    });
    const response = await fetch(`${hub.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.apiKey}` },
      body: JSON.stringify({ reports }),
    });
    if (response.status !== 201)
      throw new Error(`the hub refused reports: ${response.status} ${await response.text()}`);
    progress.update(
      `${(start + reports.length).toLocaleString('en')} of ${to.toLocaleString('en')} reports filed`,
    );
  }
}
