import type { AuditedAction } from '../domain/audit-actions';
import {
  can,
  isAdminRole,
  isWithin,
  roleSchema,
  type Permission,
  type Role,
  type SecurityPolicy,
} from '../domain';
import type { AccountSummary, NewAccountBody } from '../protocol';
import { prepareAccount, storeAccount } from './accounts';
import { cleared, isLocked } from './auth/lockout';
import { storePassword } from './auth/password-change';
import { generatePassword, hashPassword } from './auth/passwords';
import { writeSecurityPolicy } from './auth/security-policy';
import type { Refusal } from './auth/session-check';
import type { RegionIndex } from './region-index';
import type { AccountRecord, AccountSecurityRecord, HubStore, HubTransaction } from './store';

export type AdminResult<T> = { ok: true; value: T } | { ok: false; refusal: Refusal };

const refuse = (status: number, code: string, message: string): { ok: false; refusal: Refusal } => ({
  ok: false,
  refusal: { status, code, message },
});

export function summaryOf(
  account: AccountRecord,
  security: AccountSecurityRecord,
  now: number,
): AccountSummary {
  return {
    name: account.name,
    role: account.role,
    jurisdiction: account.jurisdiction,
    displayName: account.displayName,
    post: account.post,
    disabled: security.disabled,
    ...(isLocked(security, now) ? { lockedUntil: security.lockedUntil! } : {}),
    totpEnrolled: security.totpSecret !== null,
  };
}

/** Refused unless the actor's role has `permission` (三员分立: each administrator their own duties). */
export function permits(actor: AccountRecord, permission: Permission): AdminResult<Role> {
  const role = roleSchema.safeParse(actor.role);
  if (role.success && can(role.data, permission)) return { ok: true, value: role.data };
  return refuse(403, 'role-not-permitted', `the ${actor.role} role may not ${permission}`);
}

type Target = { account: AccountRecord; security: AccountSecurityRecord };

/**
 * What administrators do to accounts, each by their own permission and only within their jurisdiction;
 * nobody acts on their own account here (their own password they change themselves). Every change is read
 * and written in one serialised transaction, with its audit record.
 */
export class AccountAdmin {
  constructor(
    private readonly store: HubStore,
    private readonly region: RegionIndex,
    private readonly clock: () => number,
    /** Told of every account whose tokens were just revoked, to end its live connections. */
    private readonly revoked: (accountId: string) => void,
  ) {}

  private at(): string {
    return new Date(this.clock()).toISOString();
  }

  /** The target account, read inside the transaction, if the actor may act on it. */
  private async target(tx: HubTransaction, actor: AccountRecord, name: string): Promise<AdminResult<Target>> {
    const account = await tx.accountByName(name);
    const security = account && (await tx.accountSecurity(account.id));
    if (!account || !security || !isWithin(account.jurisdiction, actor.jurisdiction))
      return refuse(404, 'not-found', `there is no account ${name} in your jurisdiction`);
    if (account.id === actor.id) return refuse(403, 'own-account', 'nobody administers their own account');
    return { ok: true, value: { account, security } };
  }

  /** Runs `change` on the target in a serialised transaction, auditing it as `action`; nothing on refusal. */
  private change<T>(
    actor: AccountRecord,
    name: string,
    action: AuditedAction,
    change: (tx: HubTransaction, target: Target) => Promise<{ value: T; detail: Record<string, unknown> }>,
  ): Promise<AdminResult<T>> {
    return this.store.transaction(async (tx) => {
      await tx.serialise();
      const target = await this.target(tx, actor, name);
      if (!target.ok) return target;
      const { value, detail } = await change(tx, target.value);
      const { account } = target.value;
      await tx.audit({
        at: this.at(),
        actor: actor.name,
        action,
        target: account.name,
        outcome: 'accepted',
        detail,
        scope: account.jurisdiction,
      });
      return { ok: true, value };
    });
  }

  private summary(tx: HubTransaction, account: AccountRecord): Promise<AccountSummary> {
    return tx.accountSecurity(account.id).then((security) => summaryOf(account, security!, this.clock()));
  }

  async create(
    actor: AccountRecord,
    body: NewAccountBody,
  ): Promise<AdminResult<{ account: AccountSummary; password: string }>> {
    if (!isWithin(body.jurisdiction, actor.jurisdiction) || !this.region.get(body.jurisdiction))
      return refuse(403, 'out-of-scope', `jurisdiction ${body.jurisdiction} is not within yours`);
    if (isAdminRole(body.role))
      return refuse(
        403,
        'role-not-permitted',
        'an administrator role is given by the security administrator',
      );
    if (await this.store.accountByName(body.name))
      return refuse(409, 'account-exists', `an account named ${body.name} already exists`);
    const prepared = await prepareAccount({ ...body, role: body.role });
    return this.store.transaction(async (tx) => {
      await tx.serialise();
      if (await tx.accountByName(body.name))
        return refuse(409, 'account-exists', `an account named ${body.name} already exists`);
      await storeAccount(tx, prepared, actor.name);
      return {
        ok: true,
        value: { account: await this.summary(tx, prepared.account), password: prepared.password },
      };
    });
  }

  async disable(actor: AccountRecord, name: string): Promise<AdminResult<AccountSummary>> {
    return this.revoking(
      await this.change(actor, name, 'account.disabled', async (tx, { account, security }) => {
        await tx.putAccountSecurity({ ...security, disabled: true, tokenEpoch: security.tokenEpoch + 1 });
        return { value: await this.summary(tx, account), detail: {} };
      }),
      name,
    );
  }

  /** Ends the live connections of an account whose tokens a change revoked. */
  private async revoking<T>(result: AdminResult<T>, name: string): Promise<AdminResult<T>> {
    const account = result.ok ? await this.store.accountByName(name) : undefined;
    if (account) this.revoked(account.id);
    return result;
  }

  async resetPassword(
    actor: AccountRecord,
    name: string,
  ): Promise<AdminResult<{ account: AccountSummary; password: string }>> {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    return this.revoking(
      await this.change(actor, name, 'account.password-reset', async (tx, { account }) => {
        await storePassword(tx, account, passwordHash, { at: this.at(), mustChange: true });
        return { value: { account: await this.summary(tx, account), password }, detail: {} };
      }),
      name,
    );
  }

  async setRole(actor: AccountRecord, name: string, role: Role): Promise<AdminResult<AccountSummary>> {
    return this.revoking(
      await this.change(actor, name, 'account.role-changed', async (tx, { account, security }) => {
        const changed = { ...account, role };
        await tx.putAccount(changed);
        await tx.putAccountSecurity({ ...security, tokenEpoch: security.tokenEpoch + 1 });
        return { value: await this.summary(tx, changed), detail: { from: account.role, to: role } };
      }),
      name,
    );
  }

  unlock(actor: AccountRecord, name: string): Promise<AdminResult<AccountSummary>> {
    return this.change(actor, name, 'auth.unlocked', async (tx, { account, security }) => {
      await tx.putAccountSecurity(cleared(security));
      return {
        value: await this.summary(tx, account),
        detail: { wasLocked: isLocked(security, this.clock()) },
      };
    });
  }

  async setPolicy(actor: AccountRecord, policy: SecurityPolicy): Promise<void> {
    await this.store.transaction(async (tx) => {
      await writeSecurityPolicy(tx, policy);
      await tx.audit({
        at: this.at(),
        actor: actor.name,
        action: 'security.policy-changed',
        target: null,
        outcome: 'accepted',
        detail: { ...policy },
        scope: actor.jurisdiction,
      });
    });
  }

  /** The accounts within the actor's jurisdiction. */
  async list(actor: AccountRecord): Promise<AccountSummary[]> {
    const accounts = (await this.store.listAccounts()).filter((a) =>
      isWithin(a.jurisdiction, actor.jurisdiction),
    );
    const now = this.clock();
    return Promise.all(
      accounts.map(async (account) =>
        summaryOf(account, (await this.store.accountSecurity(account.id))!, now),
      ),
    );
  }
}
