import { useEffect, useState } from 'react';
import { can, isAdminRole, locksWhenIdle, roleSchema } from '../../../src/domain';

/** Which part of the wall this window shows: Electron opens a map window and a panels window. */
export type View = 'map' | 'panels' | 'wall';
export function currentView(): View {
  const view = new URLSearchParams(window.location.search).get('view');
  return view === 'map' || view === 'panels' ? view : 'wall';
}

/**
 * The screens of the wall: the situation (the war room in wartime), the operator's workspace, the briefing and
 * the shift handover, and the centre's documents; and the administrators' own: the audit trail, and the
 * administration (accounts, and for the system administrator the subsidy rates).
 */
export const SCREENS = [
  'situation',
  'workspace',
  'briefing',
  'handover',
  'reports',
  'audit',
  'administration',
] as const;
export type Screen = (typeof SCREENS)[number];

/** The screens of those who run the centre, and of a window nobody has signed in to yet. */
const CENTRE_SCREENS: readonly Screen[] = ['situation', 'workspace', 'briefing', 'handover', 'reports'];

/**
 * The screens a role's desktop shows, from what the role may do: a wall display only the situation; the centre's
 * roles the centre's screens; the administrators, who work no incidents, what they keep — the audit
 * administrator the audit trail and nothing of the situation.
 */
export function screensFor(role: string | undefined): readonly Screen[] {
  const known = roleSchema.safeParse(role);
  if (!known.success) return CENTRE_SCREENS;
  if (!locksWhenIdle(known.data)) return ['situation'];
  if (!isAdminRole(known.data)) return can(known.data, 'read') ? CENTRE_SCREENS : [];
  const screens: Screen[] = [];
  if (can(known.data, 'read')) screens.push('situation');
  if (can(known.data, 'read-audit')) screens.push('audit');
  if (can(known.data, 'manage-accounts') || can(known.data, 'manage-roles')) screens.push('administration');
  return screens;
}

/** A display nobody works at (the wall): no action, form, export or setting is offered on it. */
export function isDisplayOnly(role: string | undefined): boolean {
  return role !== undefined && !locksWhenIdle(role);
}
/** The situation tab is the war room while the jurisdiction is at war. */
export const SCREEN_LABELS: Record<Screen, (wartime: boolean) => string> = {
  situation: (wartime) => (wartime ? 'ws.nav.warRoom' : 'ws.nav.situation'),
  workspace: () => 'ws.nav.workspace',
  briefing: () => 'briefing.nav',
  handover: () => 'handover.nav',
  reports: () => 'reports.nav',
  audit: () => 'audit.nav',
  administration: () => 'administration.nav',
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
