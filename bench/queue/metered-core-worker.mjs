// The desktop core's worker entry from source (as src/core/worker/bootstrap.mjs), which also reports the
// worker thread's event-loop utilisation and V8 heap, as an event, every few hundred milliseconds; and,
// asked on its channel, what the heap holds after a full collection.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BroadcastChannel, parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

const METER_EVENT = 'bench.meter';
const METER_INTERVAL_MS = 250;
const GC_CHANNEL = 'pingan-bench-gc';

register();
const report = (extra = {}) => {
  const { idle, active } = performance.eventLoopUtilization();
  const { heapUsed, rss } = process.memoryUsage();
  parentPort?.postMessage({
    type: 'event',
    name: METER_EVENT,
    payload: { at: performance.timeOrigin + performance.now(), idle, active, heapUsed, rss, ...extra },
  });
};
const meter = setInterval(report, METER_INTERVAL_MS);
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc');
const gcChannel = new BroadcastChannel(GC_CHANNEL);
gcChannel.onmessage = () => {
  collectGarbage();
  report({ afterFullGc: true });
};
gcChannel.unref();
// The meter never keeps the worker alive on its own.
meter.unref();
await import('../../src/core/worker/core-worker.ts');
