/**
 * What runs inside the page. These functions are serialised by Playwright into the page, so they use only
 * what the page itself has: no imports, no closures over this module.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

interface TimedSpan {
  start: number;
  duration: number;
}

export interface PageProbes {
  /** Main-thread time spent handing data to MapLibre's workers (structured cloning). */
  postMessageMs: number;
  longTasks: TimedSpan[];
  /** Every map paint: the GL work of one frame. */
  paints: TimedSpan[];
  coreReadyAt: number | null;
  countsCompleteAt: number | null;
  mapCompleteAt: number | null;
}

type ProbedWindow = Window & { __benchProbes: PageProbes; __pinganMap?: MapLibreMap };

/** Installed before the page's own scripts: times worker messages and long tasks, and marks start-up. */
export function installProbes({
  operator,
  monitoringCount,
}: {
  operator: string;
  monitoringCount: string;
}): void {
  localStorage.setItem('pinganDebug', '1');
  const probes: PageProbes = {
    postMessageMs: 0,
    longTasks: [],
    paints: [],
    coreReadyAt: null,
    countsCompleteAt: null,
    mapCompleteAt: null,
  };
  const page = window as unknown as ProbedWindow;
  page.__benchProbes = probes;

  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
    const started = performance.now();
    try {
      return post.apply(this, args);
    } finally {
      probes.postMessageMs += performance.now() - started;
    }
  } as Worker['postMessage'];

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      probes.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });

  let paintsTimed = false;
  const watch = new MutationObserver(() => {
    const operatorShown = document.querySelector('[data-testid="status-operator"]')?.textContent ?? '';
    if (probes.coreReadyAt === null && operatorShown.includes(operator))
      probes.coreReadyAt = performance.now();
    const map = page.__pinganMap;
    if (map && !paintsTimed) {
      paintsTimed = true;
      // The painter is MapLibre's own; timing it separates GL work from the app's scripts.
      const painter = (map as unknown as { painter: { render(...args: unknown[]): unknown } }).painter;
      const render = painter.render.bind(painter);
      painter.render = (...args: unknown[]) => {
        const started = performance.now();
        try {
          return render(...args);
        } finally {
          probes.paints.push({ start: started, duration: performance.now() - started });
        }
      };
    }
    const count = document.querySelector('[data-testid="layer-count-monitoring-points"]')?.textContent;
    if (map && probes.countsCompleteAt === null && count === monitoringCount) {
      probes.countsCompleteAt = performance.now();
      map.once('idle', () => {
        probes.mapCompleteAt = performance.now();
      });
    }
    if (probes.mapCompleteAt !== null) watch.disconnect();
  });
  document.addEventListener('DOMContentLoaded', () =>
    watch.observe(document.body, { subtree: true, childList: true, characterData: true }),
  );
}

/** Ids to send changes for: cameras across the whole region, and every force with its position. */
export async function sampleIds(
  cameras: number,
): Promise<{ cameras: string[]; forces: [string, number, number][] }> {
  const map = (window as unknown as ProbedWindow).__pinganMap!;
  type Points = { features: { properties: { id: string }; geometry: { coordinates: [number, number] } }[] };
  const data = async (id: string) => (await map.getSource<GeoJSONSource>(id)!.getData()) as unknown as Points;
  const points = (await data('monitoring-points')).features;
  const step = Math.max(1, Math.floor(points.length / cameras));
  return {
    cameras: points
      .filter((_, i) => i % step === 0)
      .slice(0, cameras)
      .map((feature) => feature.properties.id),
    forces: (await data('forces')).features.map((feature) => [
      feature.properties.id,
      ...feature.geometry.coordinates,
    ]),
  };
}

/**
 * Times the main thread's share of one change to `changed` points of the camera layer, applied two ways on
 * the same source in alternation: as a diff (`updateData`, what the map does) and as a whole new data set
 * (`setData`). Each is timed from the call until the map is idle again, counting the call itself and the
 * cloning of the message to the worker.
 */
export async function measureApply({ changed, rounds }: { changed: number; rounds: number }) {
  const page = window as unknown as ProbedWindow;
  const map = page.__pinganMap!;
  const source = map.getSource<GeoJSONSource>('monitoring-points')!;
  type Point = { id?: string | number; properties: { id: string; status: string } };
  const collection = (await source.getData()) as unknown as { type: 'FeatureCollection'; features: Point[] };
  const step = Math.floor(collection.features.length / changed);
  const chosen = Array.from({ length: changed }, (_, i) => collection.features[i * step]!);

  const idle = () =>
    new Promise<void>((resolve) => {
      map.once('idle', () => resolve());
      map.triggerRepaint();
    });
  const mainThreadMs = async (apply: () => void) => {
    await idle();
    const postedBefore = page.__benchProbes.postMessageMs;
    const started = performance.now();
    apply();
    const callMs = performance.now() - started;
    const postedDuringCall = page.__benchProbes.postMessageMs - postedBefore;
    await idle();
    return callMs + (page.__benchProbes.postMessageMs - postedBefore - postedDuringCall);
  };

  const incremental: number[] = [];
  const whole: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const status = round % 2 === 0 ? 'offline' : 'online';
    incremental.push(
      await mainThreadMs(() =>
        source.updateData({
          update: chosen.map((point) => ({
            id: point.properties.id,
            addOrUpdateProperties: [{ key: 'status', value: status }],
          })),
        }),
      ),
    );
    for (const point of chosen) point.properties.status = status === 'offline' ? 'online' : 'offline';
    whole.push(await mainThreadMs(() => source.setData(collection as unknown as GeoJSON.FeatureCollection)));
  }
  return { features: collection.features.length, incremental, whole };
}

/** Marks the start of a window of observation; `observe` then reads what happened in it. */
export function now(): number {
  return performance.now();
}

export function observe(since: number): { longTasks: TimedSpan[]; paints: TimedSpan[]; sinceMs: number } {
  const probes = (window as unknown as ProbedWindow).__benchProbes;
  return {
    longTasks: probes.longTasks.filter((task) => task.start >= since),
    paints: probes.paints.filter((paint) => paint.start >= since),
    sinceMs: performance.now() - since,
  };
}

export function startUp(): Pick<PageProbes, 'coreReadyAt' | 'countsCompleteAt' | 'mapCompleteAt'> {
  const { coreReadyAt, countsCompleteAt, mapCompleteAt } = (window as unknown as ProbedWindow).__benchProbes;
  return { coreReadyAt, countsCompleteAt, mapCompleteAt };
}
