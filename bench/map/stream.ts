import { MAP_BENCH } from './settings';

const TICKS_PER_SECOND = 5;
/** Of each tick's changes, this share are cameras going on or off line; the rest are forces moving. */
const CAMERA_SHARE = 0.75;

/**
 * Posts changes to the hub's ingest API at a steady rate, as the camera platform and the forces' terminals
 * would, until stopped. Returns how many changes the hub accepted.
 */
export function streamChanges(
  hub: { url: string; apiKey: string },
  ids: { cameras: string[]; forces: [string, number, number][] },
): { stop(): Promise<number> } {
  const perTick = MAP_BENCH.streamChangesPerSecond / TICKS_PER_SECOND;
  const camerasPerTick = Math.round(perTick * CAMERA_SHARE);
  const forcesPerTick = perTick - camerasPerTick;
  let tick = 0;
  let accepted = 0;
  const inFlight = new Set<Promise<void>>();
  const post = (path: string, body: unknown, count: number) => {
    const request = fetch(`${hub.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hub.apiKey}` },
      body: JSON.stringify(body),
    }).then(async (response) => {
      if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
      accepted += count;
    });
    const tracked = request.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const timer = setInterval(() => {
    tick += 1;
    const at = new Date().toISOString();
    const cameras = Array.from({ length: camerasPerTick }, (_, i) => {
      const index = (tick * camerasPerTick + i) % ids.cameras.length;
      return {
        id: `bench-status-${tick}-${i}`,
        pointId: ids.cameras[index]!,
        status: (tick + i) % 2 === 0 ? ('offline' as const) : ('online' as const),
        at,
      };
    });
    const positions = Array.from({ length: forcesPerTick }, (_, i) => {
      const [forceId, lng, lat] = ids.forces[(tick * forcesPerTick + i) % ids.forces.length]!;
      const drift = ((tick % 20) - 10) * 0.0002;
      return { id: `bench-position-${tick}-${i}`, forceId, lng: lng + drift, lat: lat + drift, at };
    });
    post('/api/v1/monitoring/status', { updates: cameras }, cameras.length);
    post('/api/v1/forces/positions', { positions }, positions.length);
  }, 1000 / TICKS_PER_SECOND);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      return accepted;
    },
  };
}
