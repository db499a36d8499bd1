import { useEffect, useState } from 'react';

/** Which part of the wall this window shows: Electron opens a map window and a panels window. */
export type View = 'map' | 'panels' | 'wall';
export function currentView(): View {
  const view = new URLSearchParams(window.location.search).get('view');
  return view === 'map' || view === 'panels' ? view : 'wall';
}

/**
 * The screens of the wall: the situation (the war room in wartime), the operator's workspace, the briefing and
 * the shift handover, and the centre's documents.
 */
export const SCREENS = ['situation', 'workspace', 'briefing', 'handover', 'reports'] as const;
export type Screen = (typeof SCREENS)[number];
/** The situation tab is the war room while the jurisdiction is at war. */
export const SCREEN_LABELS: Record<Screen, (wartime: boolean) => string> = {
  situation: (wartime) => (wartime ? 'ws.nav.warRoom' : 'ws.nav.situation'),
  workspace: () => 'ws.nav.workspace',
  briefing: () => 'briefing.nav',
  handover: () => 'handover.nav',
  reports: () => 'reports.nav',
};

const SCREEN_KEY = 'pingan.screen';
function savedScreen(): Screen {
  const saved = localStorage.getItem(SCREEN_KEY);
  return SCREENS.find((screen) => screen === saved) ?? 'situation';
}

/** The tab shown, kept across restarts of the window. */
export function useSavedScreen(): [Screen, (screen: Screen) => void] {
  const [screen, setScreen] = useState<Screen>(savedScreen);
  useEffect(() => localStorage.setItem(SCREEN_KEY, screen), [screen]);
  return [screen, setScreen];
}
