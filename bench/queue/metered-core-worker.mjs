// The desktop core's worker entry from source (as src/core/worker/bootstrap.mjs), which also reports the
// worker thread's event-loop utilisation and V8 heap, as an event, every few hundred milliseconds.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const METER_EVENT = 'bench.meter';
const METER_INTERVAL_MS = 250;

register();
const meter = setInterval(() => {
  const { idle, active } = performance.eventLoopUtilization();
  const { heapUsed, rss } = process.memoryUsage();
  parentPort?.postMessage({
    type: 'event',
    name: METER_EVENT,
    payload: { at: performance.timeOrigin + performance.now(), idle, active, heapUsed, rss },
  });
}, METER_INTERVAL_MS);
// The meter never keeps the worker alive on its own.
meter.unref();
await import('../../src/core/worker/core-worker.ts');
