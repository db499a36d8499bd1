import { describe, expect, it } from 'vitest';
import { CoreLink } from '../../renderer/src/links/core-link';

describe('the renderer’s link to its core', () => {
  it('is not claimed up or down before the transport knows, keeps when it first went down, and tells on each change', () => {
    const link = new CoreLink();
    const heard: string[] = [];
    link.subscribe(() => heard.push(link.get().state));
    expect(link.get()).toEqual({ state: 'connecting' });

    link.up();
    link.up();
    link.down();
    const { since } = link.get() as { since: number };
    // Each reconnect attempt that fails says "down" again: the time it went down stays the first.
    link.down();
    expect(link.get()).toEqual({ state: 'down', since });
    link.up();
    expect(heard).toEqual(['up', 'down', 'up']);
  });
});
