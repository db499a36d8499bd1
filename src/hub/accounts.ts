import { randomUUID } from 'node:crypto';
import { generateApiKey, hashApiKey } from './auth/api-keys';
import { generatePassword, hashPassword, verifyPassword } from './auth/passwords';
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

/** An account with a one-time password, returned once and stored only as its scrypt hash. */
export async function prepareAccount(
  account: NewAccount,
): Promise<{ account: AccountRecord; password: string }> {
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
  return { account: record, password };
}

export async function storeAccount(tx: HubTransaction, record: AccountRecord): Promise<void> {
  await tx.putAccount(record);
  await tx.audit({
    at: record.createdAt,
    actor: 'system',
    action: 'account.created',
    target: record.name,
    outcome: 'accepted',
    detail: { role: record.role, jurisdiction: record.jurisdiction },
  });
}

export async function createAccount(
  store: HubStore,
  account: NewAccount,
): Promise<{ account: AccountRecord; password: string }> {
  if (await store.accountByName(account.name)) throw new DuplicateAccountError(account.name);
  const prepared = await prepareAccount(account);
  await store.transaction((tx) => storeAccount(tx, prepared.account));
  return prepared;
}

/** The same answer, and about the same time, whether the name or the password was wrong. */
export async function authenticate(
  store: HubStore,
  name: string,
  password: string,
): Promise<AccountRecord | undefined> {
  const account = await store.accountByName(name);
  const valid = await verifyPassword(password, account?.passwordHash ?? DUMMY_HASH);
  return account && valid ? account : undefined;
}
const DUMMY_HASH = 'scrypt$131072$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

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
