import { randomUUID } from 'node:crypto';
import { generateApiKey, hashApiKey } from './auth/api-keys';
import { PASSWORD_HISTORY } from '../domain';
import { generatePassword, hashPassword } from './auth/passwords';
import type { AccountRecord, HubStore, HubTransaction } from './store';

export interface NewAccount {
  /** The login name. */
  name: string;
  role: string;
  jurisdiction: string;
  /** The person (李明) and their post (值班员), for screens and records. */
  displayName?: string;
  post?: string;
}

/** How screens and records name an account's holder: "值班员 李明", or the login name if none was given. */
export function personName(account: Pick<AccountRecord, 'name' | 'displayName' | 'post'>): string {
  return account.displayName ? [account.post, account.displayName].filter(Boolean).join(' ') : account.name;
}

export class DuplicateAccountError extends Error {
  constructor(name: string) {
    super(`an account named "${name}" already exists`);
  }
}

export interface PreparedAccount {
  account: AccountRecord;
  password: string;
  /** Whether the generated password must be changed at the first sign-in (it must, but for machines). */
  mustChangePassword: boolean;
  /** Whether the password expires by the security policy (it does, but for machines). */
  passwordExpires: boolean;
}

/**
 * An account with a one-time password, returned once and stored only as its scrypt hash. A person must
 * change it at the first sign-in; `mustChangePassword: false` is for accounts a program signs in with, where
 * nobody is there to choose a new one.
 */
export async function prepareAccount(
  account: NewAccount,
  {
    mustChangePassword = true,
    passwordExpires = true,
  }: { mustChangePassword?: boolean; passwordExpires?: boolean } = {},
): Promise<PreparedAccount> {
  const password = generatePassword();
  const record: AccountRecord = {
    id: randomUUID(),
    name: account.name,
    passwordHash: await hashPassword(password),
    role: account.role,
    jurisdiction: account.jurisdiction,
    createdAt: new Date().toISOString(),
    displayName: account.displayName?.trim() ?? '',
    post: account.post?.trim() ?? '',
  };
  return { account: record, password, mustChangePassword, passwordExpires };
}

/** Stores a prepared account with its password's age and history, recorded as created by `actor`. */
export async function storeAccount(
  tx: HubTransaction,
  { account: record, mustChangePassword, passwordExpires }: Omit<PreparedAccount, 'password'>,
  actor = 'system',
): Promise<void> {
  await tx.putAccount(record);
  const security = await tx.accountSecurity(record.id);
  if (security)
    await tx.putAccountSecurity({
      ...security,
      mustChangePassword,
      passwordExpires,
      passwordChangedAt: record.createdAt,
    });
  await tx.addPasswordHistory(record.id, record.passwordHash, record.createdAt, PASSWORD_HISTORY);
  await tx.audit({
    at: record.createdAt,
    actor,
    action: 'account.created',
    target: record.name,
    outcome: 'accepted',
    detail: { role: record.role, jurisdiction: record.jurisdiction },
    scope: record.jurisdiction,
  });
}

export async function createAccount(
  store: HubStore,
  account: NewAccount,
  options: { mustChangePassword?: boolean; passwordExpires?: boolean } = {},
): Promise<PreparedAccount> {
  if (await store.accountByName(account.name)) throw new DuplicateAccountError(account.name);
  const prepared = await prepareAccount(account, options);
  await store.transaction((tx) => storeAccount(tx, prepared));
  return prepared;
}

export async function storeNewApiKey(
  tx: HubTransaction,
  source: string,
  jurisdiction: string,
  displayName = '',
): Promise<{ source: string; key: string }> {
  const key = generateApiKey();
  const createdAt = new Date().toISOString();
  await tx.putApiKey({
    id: randomUUID(),
    source,
    jurisdiction,
    keyHash: hashApiKey(key),
    createdAt,
    displayName: displayName.trim(),
  });
  await tx.audit({
    at: createdAt,
    actor: 'system',
    action: 'api-key.created',
    target: source,
    outcome: 'accepted',
    detail: { jurisdiction },
  });
  return { source, key };
}

export function createApiKey(store: HubStore, source: string, jurisdiction: string, displayName = '') {
  return store.transaction((tx) => storeNewApiKey(tx, source, jurisdiction, displayName));
}
