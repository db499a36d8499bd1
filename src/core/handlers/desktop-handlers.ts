import type { DesktopApiMethod } from '../contract/api';
import { accountHandlers } from './accounts';
import { guardActions } from './actions';
import { auditHandlers } from './audit';
import { briefingHandlers } from './briefing';
import { documentHandlers } from './documents';
import { figuresHandlers } from './figures';
import { handoverHandlers } from './handover';
import { incidentHandlers } from './incidents';
import { keyPersonHandlers } from './key-persons';
import { lockHandlers } from './lock';
import { mapHandlers } from './map';
import { queueHandlers } from './queue';
import { replayHandlers } from './replay';
import { sessionHandlers } from './session';
import { signInHandlers } from './sign-in';
import { subsidyHandlers } from './subsidies';
import { targetHandlers } from './targets';
import { videoHandlers } from './video';
import type { CoreServices, DesktopApiHandlers } from './types';
import { warRoomHandlers } from './war-room';

/** Every feature's handler module, in one list: the table below is made of exactly these. */
export const HANDLER_MODULES = [
  sessionHandlers,
  lockHandlers,
  auditHandlers,
  // account administration (三员分立)
  accountHandlers,
  mapHandlers,
  incidentHandlers,
  queueHandlers,
  figuresHandlers,
  subsidyHandlers,
  briefingHandlers,
  documentHandlers,
  keyPersonHandlers,
  targetHandlers,
  handoverHandlers,
  replayHandlers,
  warRoomHandlers,
  videoHandlers,
  signInHandlers,
] as const;

type ModuleMethods<Modules> = Modules extends readonly [infer First, ...infer Rest]
  ? (First extends (services: never) => infer Part ? keyof Part : never) | ModuleMethods<Rest>
  : never;

/** The methods two modules both answer: none, or the merge would let the later one silently win. */
type Duplicated<Modules, Seen = never> = Modules extends readonly [infer First, ...infer Rest]
  ? First extends (services: never) => infer Part
    ? Extract<keyof Part, Seen> | Duplicated<Rest, Seen | keyof Part>
    : never
  : never;

type Answered = ModuleMethods<typeof HANDLER_MODULES>;

// Compile-time proof that the modules answer every method of the contract exactly once, and nothing else.
type Exactly<T extends never> = T;
export type NoMethodUnanswered = Exactly<Exclude<DesktopApiMethod, Answered>>;
export type NoMethodOutsideContract = Exactly<Exclude<Answered, DesktopApiMethod>>;
export type NoMethodAnsweredTwice = Exactly<Duplicated<typeof HANDLER_MODULES>>;

/**
 * The one handler table the transports dispatch to, merged from the feature modules, each action behind the
 * gate that refuses it on a wall display or a locked screen.
 */
export function createDesktopHandlers(services: CoreServices): DesktopApiHandlers {
  const merged = Object.assign(
    {},
    ...HANDLER_MODULES.map((module) => module(services)),
  ) as DesktopApiHandlers;
  return guardActions(merged, () => services.gate);
}
