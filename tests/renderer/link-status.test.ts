import { describe, expect, it } from 'vitest';
import { linkStatus } from '../../renderer/src/links/link-status';

const HUB_DROPPED = '2026-03-02T01:00:00.000Z';
const CORE_DROPPED = Date.parse('2026-03-02T01:10:00.000Z');

describe('the status model the status bar reads', () => {
  it('is live while the transport is still connecting and the core has said nothing', () => {
    expect(linkStatus({ state: 'connecting' }, undefined)).toEqual({ down: null, stoppedAt: null });
  });

  it('is live with both links up', () => {
    expect(
      linkStatus(
        { state: 'up', since: CORE_DROPPED },
        { connection: 'online', connectionSince: HUB_DROPPED },
      ),
    ).toEqual({ down: null, stoppedAt: null });
  });

  it('names the hub, and when it went, when only the hub is gone', () => {
    expect(
      linkStatus({ state: 'up', since: 0 }, { connection: 'offline', connectionSince: HUB_DROPPED }),
    ).toEqual({ down: { link: 'hub', since: Date.parse(HUB_DROPPED) }, stoppedAt: Date.parse(HUB_DROPPED) });
  });

  it('names the core first when both are gone, with the data stopped at the earlier drop', () => {
    expect(
      linkStatus(
        { state: 'down', since: CORE_DROPPED },
        { connection: 'offline', connectionSince: HUB_DROPPED },
      ),
    ).toEqual({ down: { link: 'core', since: CORE_DROPPED }, stoppedAt: Date.parse(HUB_DROPPED) });
  });

  it('a core gone while the hub was up stops the data when the core went', () => {
    expect(
      linkStatus(
        { state: 'down', since: CORE_DROPPED },
        { connection: 'online', connectionSince: HUB_DROPPED },
      ),
    ).toEqual({ down: { link: 'core', since: CORE_DROPPED }, stoppedAt: CORE_DROPPED });
  });

  it('a hub offline since an unknown time is down with no time', () => {
    expect(linkStatus({ state: 'up', since: 0 }, { connection: 'offline', connectionSince: null })).toEqual({
      down: { link: 'hub', since: null },
      stoppedAt: null,
    });
  });
});
