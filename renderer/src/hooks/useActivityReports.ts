import { useEffect } from 'react';
import { desktopApi } from '../api-client';

/** The core hears of input at most this often: enough for a timeout counted in minutes. */
const REPORT_EVERY_MS = 30_000;
/** What a person does at the screen; a live panel's polling and a map's repaint are none of these. */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;

/**
 * Tells the desktop core that the operator is at the screen, so its idle lock does not close on them. Only real
 * input counts (events a script dispatched are not trusted), and only while `enabled` (not on a wall display).
 */
export function useActivityReports(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let lastReport = 0;
    const report = (event: Event) => {
      if (!event.isTrusted || Date.now() - lastReport < REPORT_EVERY_MS) return;
      lastReport = Date.now();
      void desktopApi.call('session.activity', {});
    };
    for (const type of INPUT_EVENTS) window.addEventListener(type, report, { capture: true, passive: true });
    return () => {
      for (const type of INPUT_EVENTS) window.removeEventListener(type, report, { capture: true });
    };
  }, [enabled]);
}
