import { z } from 'zod';
import { isAdminRole, wording, WordedError, type Permission, type SecurityPolicy } from '../../domain';
import {
  accountAnswerSchema,
  oneTimePasswordAnswerSchema,
  securityPolicyAnswerSchema,
  accountSummarySchema,
  type AccountSummary,
  type NewAccountBody,
  type OneTimePasswordAnswer,
} from '../../protocol';
import type { AccountView, NewAccountInput, OneTimePasswordView } from '../contract/accounts';
import type { HubAccess } from './audit-client';

// The contract declares the account shapes again (it stays free of the wire): each must take what the other gives.
type Agrees<T extends true> = T;
export type AccountsAgree = Agrees<AccountSummary extends AccountView ? true : false>;
export type AnswersAgree = Agrees<OneTimePasswordAnswer extends OneTimePasswordView ? true : false>;
export type NewAccountsAgree = Agrees<NewAccountInput extends NewAccountBody ? true : false>;

const accountListAnswerSchema = z.object({ accounts: z.array(accountSummarySchema) });
const errorBodySchema = z.object({ error: z.object({ code: z.string() }) });

/** The hub's refusal, worded for the administrator who asked. */
function refusalWording(status: number, code: string | undefined, permission: Permission, path: string) {
  const message = `the hub refused ${path}: ${status} ${code ?? ''}`;
  if (code === 'own-account') return wording('ownAccount', {}, message);
  if (code === 'account-exists') return wording('accountExists', {}, message);
  if (code === 'out-of-scope') return wording('outOfScope', {}, message);
  if (status === 404) return wording('accountNotFound', {}, message);
  if (status === 401 || status === 403) return wording('roleMayNotSee', { permission }, message);
  if (status === 400) return wording('invalidInput', {}, message);
  return wording('hubUnavailable', {}, message);
}

/**
 * The hub's account administration (三员分立) and security policy, asked with the session's token: the system
 * administrator's accounts, the security administrator's roles, unlocks and policy. The hub decides each;
 * its refusals come back worded.
 */
export class AccountsClient {
  constructor(private readonly hub: HubAccess) {}

  private async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    permission: Permission,
    answer: z.ZodType<T>,
    body?: unknown,
  ): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.hub.hubUrl), {
        method,
        headers: {
          authorization: `Bearer ${await this.hub.accessToken()}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WordedError(wording('hubUnreachable', {}, `${path} could not be reached: ${reason}`));
    }
    const json: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const code = errorBodySchema.safeParse(json).data?.error.code;
      throw new WordedError(refusalWording(response.status, code, permission, path));
    }
    const parsed = answer.safeParse(json);
    if (!parsed.success)
      throw new WordedError(wording('hubUnavailable', {}, `the hub's answer to ${path} is malformed`));
    return parsed.data;
  }

  private static path(name: string, action: string): string {
    return `/api/v1/accounts/${encodeURIComponent(name)}/${action}`;
  }

  async list(): Promise<AccountSummary[]> {
    const answer = await this.call('GET', '/api/v1/accounts', 'manage-accounts', accountListAnswerSchema);
    return answer.accounts;
  }

  /** A new account with its one-time password; an administrator's role is not given this way (三员分立). */
  async create(account: NewAccountInput): Promise<OneTimePasswordAnswer> {
    if (isAdminRole(account.role))
      throw new WordedError(
        wording('roleNotCreatable', {}, `${account.role} is given by the security administrator`),
      );
    return this.call('POST', '/api/v1/accounts', 'manage-accounts', oneTimePasswordAnswerSchema, account);
  }

  async disable(name: string): Promise<AccountSummary> {
    const path = AccountsClient.path(name, 'disable');
    return (await this.call('POST', path, 'manage-accounts', accountAnswerSchema)).account;
  }

  resetPassword(name: string): Promise<OneTimePasswordAnswer> {
    const path = AccountsClient.path(name, 'password-reset');
    return this.call('POST', path, 'manage-accounts', oneTimePasswordAnswerSchema);
  }

  async setRole(name: string, role: AccountSummary['role']): Promise<AccountSummary> {
    const path = AccountsClient.path(name, 'role');
    return (await this.call('PUT', path, 'manage-roles', accountAnswerSchema, { role })).account;
  }

  async unlock(name: string): Promise<AccountSummary> {
    const path = AccountsClient.path(name, 'unlock');
    return (await this.call('POST', path, 'unlock-accounts', accountAnswerSchema)).account;
  }

  async policy(): Promise<SecurityPolicy> {
    const path = '/api/v1/security-policy';
    return (await this.call('GET', path, 'configure-security', securityPolicyAnswerSchema)).policy;
  }

  async setPolicy(policy: SecurityPolicy): Promise<SecurityPolicy> {
    const path = '/api/v1/security-policy';
    return (await this.call('PUT', path, 'configure-security', securityPolicyAnswerSchema, policy)).policy;
  }
}
