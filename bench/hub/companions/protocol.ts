/** How the hub benchmark and the processes that share its machine talk over IPC. */

export type CompanionConfig =
  | {
      role: 'simulator';
      hubUrl: string;
      apiKey: string;
      operator: { name: string; password: string };
      /** Simulated seconds per real second. */
      speed: number;
    }
  | {
      role: 'catch-up';
      hubUrl: string;
      viewer: { name: string; password: string };
      cacheFile: string;
    };

export interface CompanionReady {
  type: 'ready';
}

/** To the catching-up core: start now. */
export interface CompanionBegin {
  type: 'begin';
}

export interface CaughtUp {
  type: 'caught-up';
  events: number;
  seconds: number;
}
