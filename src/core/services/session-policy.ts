import { can, roleSchema, rolesWith, type Permission } from '../../domain';
import { WordedError, wording } from '../../domain/wording';
import type { SessionStatus } from '../contract/api';

export type SignedInOperator = NonNullable<SessionStatus['operator']>;

/** The account the hub signed in, as the session holds it; absent offline or before the hub answered. */
export interface HubAccount {
  accountId: string;
  name: string;
  role: string;
  jurisdiction: string;
  jurisdictionName?: string;
  person?: string;
}

/** Where the operator is remembered between starts: the cache's settings. */
export interface SettingsStore {
  getSetting(key: string): string | undefined;
  putSetting(key: string, value: string): void;
}

const OPERATOR_SETTING = 'operator';

/**
 * Who is signed in, what their role may see and how far their scope reaches. The hub decides what reaches
 * the cache; this keeps a cache that holds more (one synced before a role was narrowed) from showing it.
 */
export class SessionPolicy {
  constructor(
    private readonly settings: SettingsStore,
    private readonly account: () => HubAccount | undefined,
    /** The region's root: the scope of a screen nobody has signed in to. */
    private readonly rootCode: string,
  ) {}

  /** Who is signed in; remembered in the cache so an offline start still knows its operator and scope. */
  operator(): SignedInOperator | null {
    const account = this.account();
    if (account) {
      const operator = {
        accountId: account.accountId,
        name: account.name,
        role: account.role,
        jurisdiction: account.jurisdiction,
        jurisdictionName: account.jurisdictionName ?? null,
        ...(account.person === undefined ? {} : { person: account.person }),
      };
      if (this.settings.getSetting(OPERATOR_SETTING) !== JSON.stringify(operator)) {
        this.settings.putSetting(OPERATOR_SETTING, JSON.stringify(operator));
      }
      return operator;
    }
    const saved = this.settings.getSetting(OPERATOR_SETTING);
    return saved ? (JSON.parse(saved) as SignedInOperator) : null;
  }

  /** The operator's own jurisdiction; the region's root before anyone has signed in. */
  ownScope(): string {
    return this.operator()?.jurisdiction ?? this.rootCode;
  }

  /** A narrower scope the screen asked for, never wider than the operator's own jurisdiction. */
  scoped(requested: string | undefined): string {
    const own = this.ownScope();
    if (!requested || !requested.startsWith(own)) return own;
    return requested;
  }

  /** Refuses what the signed-in role may not do; `what` names it for the developer's message. */
  requirePermission(permission: Permission, what: string): void {
    const operator = this.operator();
    const role = roleSchema.safeParse(operator?.role);
    if (role.success && can(role.data, permission)) return;
    const allowed = rolesWith(permission).join(' and ');
    const who = operator ? `role ${operator.role}` : 'a screen nobody has signed in to';
    throw new WordedError(
      wording(
        'roleMayNotSee',
        operator ? { role: operator.role, permission } : { permission },
        `${what} is only for ${allowed} accounts; ${who} may not see it`,
      ),
    );
  }
}
