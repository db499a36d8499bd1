import { lazy } from 'react';

/*
 * Each tab's screen is fetched on the tab's first visit: the window starts with the shell and the tab it
 * shows, and the map engine and the charts arrive in chunks of their own.
 */
export const SituationScreen = lazy(() =>
  import('./SituationScreen').then((module) => ({ default: module.SituationScreen })),
);
export const Workspace = lazy(() =>
  import('../workspace/Workspace').then((module) => ({ default: module.Workspace })),
);
export const BriefingScreen = lazy(() =>
  import('../briefing/BriefingScreen').then((module) => ({ default: module.BriefingScreen })),
);
export const HandoverScreen = lazy(() =>
  import('../handover/HandoverScreen').then((module) => ({ default: module.HandoverScreen })),
);
export const ReportsScreen = lazy(() =>
  import('../reports/ReportsScreen').then((module) => ({ default: module.ReportsScreen })),
);
export const AuditScreen = lazy(() =>
  import('../audit/AuditScreen').then((module) => ({ default: module.AuditScreen })),
);
export const AdministrationScreen = lazy(() =>
  import('../administration/AdministrationScreen').then((module) => ({
    default: module.AdministrationScreen,
  })),
);
