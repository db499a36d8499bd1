import { describe, expect, it } from 'vitest';
import { RecentEntities } from '../../src/core/cache/recent-entities';
import type { EntityState } from '../../src/domain';

const force = (id: string, version = 1): EntityState => ({
  kind: 'force',
  id,
  jurisdiction: '532901003001',
  version,
  doc: { id },
});

describe('the states the cache remembers between batches', () => {
  it('keeps the latest state of each, and lets the least recently used go past its capacity', () => {
    const recent = new RecentEntities(2);
    recent.remember([force('a'), force('b')]);
    expect(recent.get('force', 'a')?.version).toBe(1); // a is now the most recently used
    recent.remember([force('c'), force('b', 2)]);
    expect(recent.get('force', 'a')).toBeUndefined();
    expect(recent.get('force', 'b')?.version).toBe(2);
    expect(recent.get('force', 'c')?.version).toBe(1);
    // Kinds are apart: an incident and a force may share an id.
    expect(recent.get('incident', 'c')).toBeUndefined();
  });

  it('forgets everything at once', () => {
    const recent = new RecentEntities(10);
    recent.remember([force('a'), force('b')]);
    recent.forget();
    expect([recent.get('force', 'a'), recent.get('force', 'b')]).toEqual([undefined, undefined]);
  });
});
