import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { connectRedis } from '../../src/hub/stream/redis-link';
import { REDIS_URL } from './support/databases';

/** A logger whose lines the test can read. */
function recordingLogger() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, sink), lines };
}

describe('the Redis link between hubs', () => {
  it('logs a publish the connection dropped instead of leaving it to end the process', async () => {
    const { logger, lines } = recordingLogger();
    const link = connectRedis(REDIS_URL, logger);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      await link.pub.ping();
      link.pub.disconnect();
      // As the adapter does while a hub closes: publish, and never await it.
      const lost = link.pub.publish('pingan:test', 'lost');
      await lost.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(lines.some((line) => line.msg === 'a message to the other hubs was not published')).toBe(true);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await link.close();
    }
  });

  it('closing waits for what is in flight, so nothing is rejected', async () => {
    const { logger, lines } = recordingLogger();
    const link = connectRedis(REDIS_URL, logger);
    const published = link.pub.publish('pingan:test', 'delivered');
    await link.close();
    await expect(published).resolves.toBeTypeOf('number');
    expect(lines).toEqual([]);
    expect([link.pub.status, link.sub.status]).toEqual(['end', 'end']);
  });
});
