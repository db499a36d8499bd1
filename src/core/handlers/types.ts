import type { LiveAhead } from '../sync/live-ahead';
import type { z } from 'zod';
import type { OperatorCommand } from '../../domain';
import type { LocalCache } from '../cache/local-cache';
import type { CacheQueries } from '../cache/queries';
import type { DesktopApiContract, DesktopApiMethod, DesktopApiOutput, SessionStatus } from '../contract/api';
import type { IncidentQueue, QueueRules } from '../queue/incident-queue';
import type { ShiftReplay } from '../replay/shift-replay';
import type { AccountsClient } from '../hub-api/accounts-client';
import type { AuditClient } from '../hub-api/audit-client';
import type { VideoClient } from '../hub-api/video-client';
import type { PasswordCheck } from '../hub-api/password-check';
import type { ActionGate } from '../services/action-gate';
import type { ExportAudit } from '../services/export-audit';
import type { IdleLock } from '../services/idle-lock';
import type { NamesDirectory } from '../services/names-directory';
import type { Regions } from '../services/regions';
import type { SessionPolicy } from '../services/session-policy';
import type { SignInSteps } from '../services/sign-in-steps';
import type { UnmaskAudit } from '../services/unmask-audit';
import type { Collaboration } from '../sync/collaboration';
import type { OutboxEntry, Outbox } from '../sync/outbox';

/** One handler per method of the API contract: its input as parsed (defaults applied), its output as declared. */
export type DesktopApiHandlers = {
  [M in DesktopApiMethod]: (input: z.output<DesktopApiContract[M]['input']>) => Promise<DesktopApiOutput<M>>;
};

/** The handlers of a part of the contract: what one feature's module answers. */
export type HandlersFor<M extends DesktopApiMethod> = Pick<DesktopApiHandlers, M>;

/** What the handler modules are given; each takes only the part it uses. */
export interface CoreServices {
  cache: LocalCache;
  queries: CacheQueries;
  outbox: Outbox;
  queue: IncidentQueue;
  /** What live events make of the map while the cache still catches up beneath them; none without a hub. */
  liveAhead: LiveAhead | undefined;
  presence: Pick<Collaboration, 'open'>;
  shiftReplay: ShiftReplay;
  session: SessionPolicy;
  names: NamesDirectory;
  regions: Regions;
  exportAudit: ExportAudit;
  idleLock: IdleLock;
  /** Refuses actions on a wall display or a locked screen. */
  gate: ActionGate;
  /** The hub's verdict on the signed-in account's password, given again to unlock. */
  checkPassword: (password: string, totpCode?: string) => Promise<PasswordCheck>;
  /** The steps a person takes to finish the sign-in (new password, authenticator app). */
  signInSteps: SignInSteps;
  /** The lock opened or closed: the status bar and the overlay must hear of it now. */
  lockChanged: () => void;
  /** The hub's audit API; none without a hub. */
  audit: AuditClient | undefined;
  /** The hub's account administration and security policy; none without a hub. */
  accounts: AccountsClient | undefined;
  /** The hub's video sessions; none without a hub. */
  video: VideoClient | undefined;
  unmaskAudit: UnmaskAudit;
  status: () => SessionStatus;
  /** Puts a command in the outbox, where it waits for the hub whether or not it is there now. */
  submit: (command: OperatorCommand) => OutboxEntry;
  /** The rules deadlines are computed by, as the cache knows them now. */
  queueRules: () => QueueRules;
}
