import { isWithin, modeInForce, type ModeState } from '../../domain';
import type { SessionStatus } from '../contract/api';
import type { IdleLockState } from './idle-lock';

/** What the hub link says of itself; absent when the core runs without a hub. */
export type HubLinkState = Pick<
  SessionStatus,
  | 'connection'
  | 'connectionSince'
  | 'hubHead'
  | 'catchUp'
  | 'lastError'
  | 'hubRefusal'
  | 'signInRefusal'
  | 'signInStep'
>;

export interface SessionFacts {
  link: HubLinkState | undefined;
  cursor: number;
  outboxPending: number;
  operator: SessionStatus['operator'];
  /** The jurisdiction the mode is read for: the operator's own. */
  scope: string;
  modes: readonly ModeState[];
  lock: IdleLockState;
}

/** The status bar's account of the session: the hub link, how far behind the cache is, who and in what mode, locked or not. */
export function sessionStatus({
  link,
  cursor,
  outboxPending,
  operator,
  scope,
  modes,
  lock,
}: SessionFacts): SessionStatus {
  const hubHead = link?.hubHead ?? null;
  return {
    connection: link?.connection ?? 'offline',
    connectionSince: link?.connectionSince ?? null,
    cursor,
    hubHead,
    lag: hubHead === null ? 0 : Math.max(0, hubHead - cursor),
    catchUp: link?.catchUp ?? null,
    lastError: link?.lastError ?? null,
    hubRefusal: link?.hubRefusal ?? null,
    signInRefusal: link?.signInRefusal ?? null,
    signInStep: link?.signInStep ?? null,
    outboxPending,
    operator,
    mode: modeInForce(modes, scope),
    wartime:
      modes
        .filter((state) => state.mode === 'wartime' && isWithin(scope, state.jurisdictionCode))
        .sort((a, b) => a.jurisdictionCode.length - b.jurisdictionCode.length)[0] ?? null,
    ...lock,
  };
}
