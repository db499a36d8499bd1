import { useEffect, useRef, useState } from 'react';
import type {
  DesktopApiInput,
  DesktopApiMethod,
  DesktopApiOutput,
  SessionStatus,
} from '../../../src/core/contract/api';
import type { EntityKind, Wording } from '../../../src/domain';
import { coreLink, desktopApi } from '../api-client';
import { useScreenActive } from '../components/TabScreen';

export type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; error: Wording } | { state: 'ready'; value: T };

/** The session's status, live. */
export function useSessionStatus(): SessionStatus | undefined {
  return useSessionStatusOrRefusal().status;
}

/**
 * The session status, or why it cannot be read (a page opened without its launch token): a screen that knows
 * nothing of the session says why instead of showing an empty frame.
 */
export function useSessionStatusOrRefusal(): { status: SessionStatus | undefined; refusal: Wording | null } {
  const [status, setStatus] = useState<SessionStatus>();
  const [refusal, setRefusal] = useState<Wording | null>(null);
  useEffect(() => {
    void desktopApi.call('session.status', {}).then((result) => {
      if (result.ok) setStatus(result.value);
      else setRefusal(result.error);
    });
    return desktopApi.on('status', (next) => {
      setStatus(next);
      setRefusal(null);
    });
  }, []);
  return { status, refusal };
}

/**
 * A query that re-runs when the cache changes in one of `kinds`, at most once per `minIntervalMs`, so a
 * busy stream refreshes the screen steadily instead of on every batch. On a hidden tab it keeps what it has
 * and waits; it reads afresh when the tab is shown again.
 */
export function useLiveQuery<M extends DesktopApiMethod>(
  method: M,
  input: DesktopApiInput<M>,
  kinds: readonly EntityKind[],
  minIntervalMs = 500,
): Loaded<DesktopApiOutput<M>> {
  const [loaded, setLoaded] = useState<Loaded<DesktopApiOutput<M>>>({ state: 'loading' });
  const inputKey = JSON.stringify(input);
  const kindsKey = kinds.join(',');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastRun = useRef(0);
  const active = useScreenActive();

  useEffect(() => {
    if (!active) return;
    let cancelled = false;
    const run = () => {
      lastRun.current = Date.now();
      void desktopApi.call(method, JSON.parse(inputKey) as DesktopApiInput<M>).then((result) => {
        // A query cut off with the core keeps what it showed, marked with its age, until the core returns.
        if (cancelled || (!result.ok && coreLink.get().state === 'down')) return;
        setLoaded(
          result.ok ? { state: 'ready', value: result.value } : { state: 'failed', error: result.error },
        );
      });
    };
    run();
    const watched = new Set(kindsKey.split(','));
    const stop = desktopApi.on('changed', (change) => {
      if (!change.kinds.some((kind) => watched.has(kind)) || timer.current) return;
      const wait = Math.max(0, minIntervalMs - (Date.now() - lastRun.current));
      timer.current = setTimeout(() => {
        timer.current = undefined;
        run();
      }, wait);
    });
    return () => {
      cancelled = true;
      stop();
      clearTimeout(timer.current);
      timer.current = undefined;
    };
  }, [method, inputKey, kindsKey, minIntervalMs, active]);

  return loaded;
}
