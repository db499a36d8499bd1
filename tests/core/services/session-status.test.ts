import { describe, expect, it } from 'vitest';
import type { ModeState } from '../../../src/domain';
import { sessionStatus, type SessionFacts } from '../../../src/core/services/session-status';

const COUNTY = '532922';

function wartime(jurisdictionCode: string): ModeState {
  return {
    jurisdictionCode,
    mode: 'wartime',
    since: '2026-03-01T00:00:00.000Z',
    reason: 'flood',
    switchedBy: 'acc-commander',
  };
}

const offline: SessionFacts = {
  link: undefined,
  cursor: 40,
  outboxPending: 2,
  operator: null,
  scope: COUNTY,
  modes: [],
  lock: { locked: false, lockedSince: null, idleTimeoutMinutes: 30 },
};

describe('the session status', () => {
  it('without a hub link: offline, nothing to catch up, in peacetime', () => {
    expect(sessionStatus(offline)).toEqual({
      connection: 'offline',
      connectionSince: null,
      cursor: 40,
      hubHead: null,
      lag: 0,
      catchUp: null,
      lastError: null,
      hubRefusal: null,
      signInRefusal: null,
      signInStep: null,
      outboxPending: 2,
      operator: null,
      mode: 'peacetime',
      wartime: null,
      locked: false,
      lockedSince: null,
      idleTimeoutMinutes: 30,
    });
  });

  it('counts the lag from the hub head, never below none', () => {
    const link = {
      connection: 'online',
      connectionSince: 'x',
      hubHead: 55,
      catchUp: null,
      lastError: null,
      hubRefusal: null,
    } as const;
    expect(sessionStatus({ ...offline, link }).lag).toBe(15);
    expect(sessionStatus({ ...offline, link: { ...link, hubHead: 30 } }).lag).toBe(0);
  });

  it('is at war when its jurisdiction or one above is, naming the widest switch', () => {
    const status = sessionStatus({
      ...offline,
      modes: [wartime(COUNTY), wartime('5329'), wartime('532923')],
    });
    expect(status.mode).toBe('wartime');
    expect(status.wartime?.jurisdictionCode).toBe('5329');
    expect(sessionStatus({ ...offline, modes: [wartime('532923')] }).mode).toBe('peacetime');
  });
});
