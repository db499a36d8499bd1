import { describe, expect, it } from 'vitest';
import type { QueueRow } from '../../src/core/contract/queue';
import { blocksCovering, QueueRows } from '../../renderer/src/workspace/queue-rows';

const row = (id: string) => ({ id }) as QueueRow;

describe('the queue’s window of rows', () => {
  it('keeps each block where it belongs, and tells the list once per block', () => {
    const rows = new QueueRows();
    let heard = 0;
    rows.subscribe(() => (heard += 1));
    rows.put(100, [row('a'), row('b')], 250);
    rows.put(0, [row('c')], 250);
    expect([rows.get(100)?.id, rows.get(101)?.id, rows.get(0)?.id, rows.get(1)]).toEqual([
      'a',
      'b',
      'c',
      undefined,
    ]);
    expect(heard).toBe(2);
    expect(rows.getRevision()).toBe(2);
  });

  it('a refreshed block replaces what was there without blanking the rest', () => {
    const rows = new QueueRows();
    rows.put(0, [row('a'), row('b')], 200);
    rows.put(100, [row('x')], 200);
    rows.put(0, [row('b2'), row('c2')], 200);
    expect([rows.get(0)?.id, rows.get(1)?.id, rows.get(100)?.id]).toEqual(['b2', 'c2', 'x']);
  });

  it('drops rows past a new, shorter end', () => {
    const rows = new QueueRows();
    rows.put(100, [row('a'), row('b')], 250);
    rows.put(0, [row('c')], 101);
    expect([rows.get(100)?.id, rows.get(101)]).toEqual(['a', undefined]);
  });

  it('clears for a new filter, and a listener that left hears nothing', () => {
    const rows = new QueueRows();
    let heard = 0;
    const stop = rows.subscribe(() => (heard += 1));
    rows.put(0, [row('a')], 1);
    stop();
    rows.clear();
    expect(rows.get(0)).toBeUndefined();
    expect(heard).toBe(1);
  });

  it.each([
    [0, 0, [0]],
    [0, 99, [0]],
    [95, 105, [0, 1]],
    [100, 199, [1]],
    [250, 480, [2, 3, 4]],
  ])('rows %i to %i lie in blocks %j of 100', (first, last, blocks) => {
    expect(blocksCovering(first, last, 100)).toEqual(blocks);
  });
});
