/**
 * The hub's storage, one implementation on two databases: SQLite embedded (one machine) and PostgreSQL
 * (several hub processes). Every write goes through `transaction`, and writers are serialised,
 * so events become visible strictly in `seq` order: a reader that has seen `seq` N has seen everything
 * before it.
 */
export interface StoredEvent {
  seq: number;
  id: string;
  type: string;
  jurisdiction: string;
  at: string;
  /** The entity the event is chiefly about (an incident id …), for its full-process record. */
  subject: string | null;
  payload: unknown;
}
export type NewEvent = Omit<StoredEvent, 'seq'>;

/** The current state of one thing the hub tracks (an incident, a camera, a force …), for snapshots. */
export interface EntityRecord {
  kind: string;
  id: string;
  jurisdiction: string;
  version: number;
  doc: unknown;
}

export interface AccountRecord {
  id: string;
  name: string;
  passwordHash: string;
  role: string;
  jurisdiction: string;
  createdAt: string;
  /** The person's name (李明); empty for an account made before accounts had one. */
  displayName: string;
  /** Their post (值班员); may be empty. */
  post: string;
}

/**
 * What sign-in keeps about an account beside its identity (等保 2.0 level 3), written apart from it: new
 * accounts start with the defaults (epoch 0, no lock, no second factor).
 */
export interface AccountSecurityRecord {
  accountId: string;
  /** Carried in tokens; bumping it revokes every token issued before. */
  tokenEpoch: number;
  /** A generated password (new account, reset) that must be changed at the next sign-in. */
  mustChangePassword: boolean;
  /** Whether the password expires by the policy: not for an account a program signs in with. */
  passwordExpires: boolean;
  /** When the password was last set; null for an account older than this record (its creation counts). */
  passwordChangedAt: string | null;
  disabled: boolean;
  /** Failed sign-ins counted since `firstFailureAt`, the start of the current window. */
  failedLogins: number;
  firstFailureAt: string | null;
  lockedUntil: string | null;
  /** The TOTP secret, sealed; and one offered but not confirmed yet, sealed. */
  totpSecret: string | null;
  totpPending: string | null;
  /** The last TOTP time step accepted: a code of that step or before is a replay. */
  totpLastStep: number | null;
}

export interface ApiKeyRecord {
  id: string;
  source: string;
  jurisdiction: string;
  keyHash: string;
  createdAt: string;
  /** What screens call the system holding the key (网格通 App); empty if nobody named it. */
  displayName: string;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  target: string | null;
  outcome: 'accepted' | 'refused';
  detail: unknown;
  /** The jurisdiction the action concerns, for the audit administrator's filter by scope. */
  scope?: string | null;
}

/** An audit record as the chain holds it: its number, and the seals linking it to the one before. */
export interface ChainedAuditRecord extends AuditEntry {
  /** The row's key, in the order rows were written. */
  id: number;
  number: number;
  scope: string | null;
  prevHash: string;
  hash: string;
}

/** What the audit administrator asks of the trail (times as ISO UTC, like the records). */
export interface AuditFilter {
  actor?: string;
  /** An action, or a family of them when it ends with a dot (`auth.`). */
  action?: string;
  from?: string;
  to?: string;
  /** Records filed under `code` and below; those filed under no jurisdiction too when `includeUnscoped`. */
  scope: { code: string; includeUnscoped: boolean };
  /** Records numbered below this. */
  before?: number;
  limit: number;
}

export interface CommandOutcomeRecord {
  commandId: string;
  accountId: string;
  outcome: unknown;
}

/** Scope filter: a jurisdiction code; everything whose code starts with it is in scope. */
export type Scope = string;

export interface HubTransaction {
  /**
   * Waits for every other writer, on any hub, to finish, so what this transaction reads next stays true until it
   * commits: for a decision read-then-written (a command's base version, an escalation due).
   */
  serialise(): Promise<void>;
  appendEvents(events: readonly NewEvent[]): Promise<StoredEvent[]>;
  getEntity(kind: string, id: string): Promise<EntityRecord | undefined>;
  getEntities(kind: string, ids: readonly string[]): Promise<EntityRecord[]>;
  putEntities(records: readonly EntityRecord[]): Promise<void>;
  getCommandOutcome(commandId: string): Promise<CommandOutcomeRecord | undefined>;
  putCommandOutcome(record: CommandOutcomeRecord): Promise<void>;
  /** Records external ids of one source; returns those that were already recorded (replays). */
  claimIngestIds(source: string, ids: readonly string[]): Promise<string[]>;
  /** Appends a record to the audit trail's chain; needs the store opened with the audit key. */
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Removes the audit records written before `before` (ISO), keeping the last removed one as the anchor the
   * chain resumes from. Retention rules are the caller's.
   */
  purgeAuditBefore(
    before: string,
  ): Promise<{ purged: number; through: { number: number; hash: string } | null }>;
  putAccount(account: AccountRecord): Promise<void>;
  /** Read inside the transaction: after `serialise`, what another hub committed last. */
  accountById(id: string): Promise<AccountRecord | undefined>;
  accountByName(name: string): Promise<AccountRecord | undefined>;
  accountSecurity(accountId: string): Promise<AccountSecurityRecord | undefined>;
  putAccountSecurity(record: AccountSecurityRecord): Promise<void>;
  /** The hashes of the account's most recent passwords, newest first. */
  passwordHistory(accountId: string, limit: number): Promise<string[]>;
  /** Records a password just set, keeping only the newest `keep` of the account's. */
  addPasswordHistory(accountId: string, passwordHash: string, at: string, keep: number): Promise<void>;
  putApiKey(key: ApiKeyRecord): Promise<void>;
  /**
   * Stores a setting unless it already has a value, which is then kept: of hubs racing to initialise the
   * same database, the first one's value wins and every hub reads that one back.
   */
  initSetting(key: string, value: string): Promise<void>;
  /** Sets a setting, replacing its value. */
  putSetting(key: string, value: string): Promise<void>;
  /**
   * The next number of a series (1 for a new one), counted in this transaction: two transactions never get the
   * same number, and one that rolls back gives its number back.
   */
  nextInSeries(series: string): Promise<number>;
}

export interface HubStore {
  readonly dialect: 'sqlite' | 'postgres';
  transaction<T>(work: (tx: HubTransaction) => Promise<T>): Promise<T>;
  headSeq(): Promise<number>;
  /** The smallest seq still in the log (head + 1 when the log is empty). */
  oldestRetainedSeq(): Promise<number>;
  /**
   * Events with `after` < seq ≤ `through` in the scope, in seq order, at most `limit` of them; none of the
   * `withheld` types (those the reader's role may not see), which do not count towards the limit.
   */
  eventsBetween(
    after: number,
    through: number,
    scope: Scope,
    limit: number,
    withheld?: readonly string[],
  ): Promise<StoredEvent[]>;
  /**
   * One frame of a replay after `range.after`: at most `limit` events and `maxBytes` of payload (the first
   * event is sent whatever its size), none of the `withheld` types; `through` is the seq the frame covers.
   */
  replayFrame(
    range: { after: number; through: number; limit: number; maxBytes: number },
    scope: Scope,
    withheld?: readonly string[],
  ): Promise<{ events: StoredEvent[]; through: number }>;
  /** Current state of everything in scope but the `withheld` kinds, and the seq it reflects, read consistently. */
  snapshot(scope: Scope, withheld?: readonly string[]): Promise<{ seq: number; entities: EntityRecord[] }>;
  entitiesInScope(scope: Scope, kind?: string): Promise<EntityRecord[]>;
  getEntity(kind: string, id: string): Promise<EntityRecord | undefined>;
  /** Every retained event about one entity, oldest first. */
  eventsAbout(subject: string): Promise<StoredEvent[]>;
  accountByName(name: string): Promise<AccountRecord | undefined>;
  accountById(id: string): Promise<AccountRecord | undefined>;
  accountSecurity(accountId: string): Promise<AccountSecurityRecord | undefined>;
  countAccounts(): Promise<number>;
  listAccounts(): Promise<AccountRecord[]>;
  apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined>;
  /** Keys not revoked: the field systems whose actions appear in the record. */
  listApiKeys(): Promise<ApiKeyRecord[]>;
  getSetting(key: string): Promise<string | undefined>;
  auditEntries(limit: number): Promise<AuditEntry[]>;
  /** Sealed audit records numbered after `after`, in chain order, at most `limit`: for checking the chain. */
  auditChain(after: number, limit: number): Promise<ChainedAuditRecord[]>;
  /** Audit records not yet numbered and sealed (written before the trail was a chain). */
  unsealedAuditCount(): Promise<number>;
  /** Numbers and seals those records; needs the audit key. Returns how many. */
  sealUnchainedAudit(): Promise<number>;
  /** Audit records matching `filter`, newest first. */
  queryAudit(filter: AuditFilter): Promise<ChainedAuditRecord[]>;
  /** Drops events up to and including `seq`; clients further behind get a snapshot instead. */
  pruneEventsThrough(seq: number): Promise<number>;
  close(): Promise<void>;
}
