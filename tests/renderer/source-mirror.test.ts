import type { GeoJSONSource, GeoJSONSourceDiff } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import type { MapEntity } from '../../renderer/src/map/data/entities';
import { SourceMirror } from '../../renderer/src/map/data/source-mirror';

const camera = (id: string, status: string, jurisdictionCode = '532901003001'): MapEntity => ({
  id,
  lng: 100.2,
  lat: 25.6,
  properties: { status, jurisdictionCode, monitoringKind: 'camera-class-1' },
});

/** What the mirror hands to MapLibre, recorded: whole data sets and diffs. */
function recordingSource() {
  const calls = { setData: [] as number[], updateData: [] as GeoJSONSourceDiff[] };
  const source = {
    setData: (data: { features: unknown[] }) => void calls.setData.push(data.features.length),
    updateData: (diff: GeoJSONSourceDiff) => void calls.updateData.push(diff),
  } as unknown as GeoJSONSource;
  return { source, calls };
}

const inDali = (entity: MapEntity) => String(entity.properties.jurisdictionCode).startsWith('532901');
const isOnline = (entity: MapEntity) => entity.properties.status === 'online';

describe('SourceMirror', () => {
  const start = () => {
    const { source, calls } = recordingSource();
    const mirror = new SourceMirror('monitoring-point', () => source, { tally: isOnline });
    mirror.reset([camera('a', 'online'), camera('b', 'online'), camera('c', 'offline')], inDali);
    return { mirror, calls };
  };

  it.each([
    { change: 'a camera goes offline', upserted: [camera('a', 'offline')], removed: [], online: 1, shown: 3 },
    {
      change: 'an offline camera comes back',
      upserted: [camera('c', 'online')],
      removed: [],
      online: 3,
      shown: 3,
    },
    { change: 'a new online camera', upserted: [camera('d', 'online')], removed: [], online: 3, shown: 4 },
    { change: 'an online camera is removed', upserted: [], removed: ['b'], online: 1, shown: 2 },
    {
      change: 'an online camera moves out of scope',
      upserted: [camera('a', 'online', '532922001001')],
      removed: [],
      online: 1,
      shown: 2,
    },
    { change: 'an unknown id is removed', upserted: [], removed: ['zz'], online: 2, shown: 3 },
  ])('keeps the online tally exact when $change', ({ upserted, removed, online, shown }) => {
    const { mirror } = start();
    mirror.apply({ upserted, removed }, inDali);
    expect(mirror.tallyCount).toBe(online);
    expect(mirror.entities.size).toBe(shown);
  });

  it('sends a whole data set only on reset, and every later change as a diff', () => {
    const { mirror, calls } = start();
    mirror.apply({ upserted: [camera('a', 'offline'), camera('d', 'online')], removed: ['c'] }, inDali);
    expect(calls.setData).toEqual([3]);
    expect(calls.updateData).toHaveLength(1);
    const [diff] = calls.updateData;
    expect(diff!.add!.map((feature) => feature.properties!.id)).toEqual(['d']);
    expect(diff!.update!.map((update) => update.id)).toEqual(['a']);
    expect(diff!.remove).toEqual(['c']);
  });
});
