import type { Transaction } from 'kysely';
import * as accounts from './accounts';
import type { StoreDialect } from './dialect';
import * as entities from './entities';
import * as events from './events';
import { migrate } from './migrations';
import * as records from './records';
import * as settings from './settings';
import type { HubSchema } from './schema';
import type { HubStore, HubTransaction } from './types';

function transactionOn(trx: Transaction<HubSchema>, dialect: StoreDialect): HubTransaction {
  const { readJson } = dialect;
  return {
    serialise: () => dialect.lockWriters(trx),
    appendEvents: (list) => events.appendEvents(trx, dialect, list),
    getEntity: (kind, id) => entities.getEntity(trx, readJson, kind, id),
    getEntities: (kind, ids) => entities.getEntities(trx, readJson, kind, ids),
    putEntities: (list) => entities.putEntities(trx, list),
    getCommandOutcome: (commandId) => records.getCommandOutcome(trx, readJson, commandId),
    putCommandOutcome: (record) => records.putCommandOutcome(trx, record),
    claimIngestIds: (source, ids) => records.claimIngestIds(trx, source, ids),
    audit: (entry) => records.audit(trx, entry),
    putAccount: (account) => accounts.putAccount(trx, account),
    accountById: (id) => accounts.accountWhere(trx, 'id', id),
    accountByName: (name) => accounts.accountWhere(trx, 'name', name),
    accountSecurity: (accountId) => accounts.accountSecurity(trx, accountId),
    putAccountSecurity: (record) => accounts.putAccountSecurity(trx, record),
    passwordHistory: (accountId, limit) => accounts.passwordHistory(trx, accountId, limit),
    addPasswordHistory: (accountId, hash, at, keep) =>
      accounts.addPasswordHistory(trx, accountId, hash, at, keep),
    putApiKey: (key) => accounts.putApiKey(trx, key),
    initSetting: (key, value) => records.initSetting(trx, key, value),
    putSetting: (key, value) => settings.putSetting(trx, key, value),
    nextInSeries: (series) => records.nextInSeries(trx, series),
  };
}

/** Current state and the seq it reflects, read in one transaction so they agree. */
function snapshot(dialect: StoreDialect, scope: string, withheld: readonly string[]) {
  return dialect.reader
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => ({
      seq: await events.headSeq(trx),
      entities: await entities.entitiesInScope(trx, dialect.readJson, scope, { withheld }),
    }));
}

/**
 * The hub store on either database: every query is written once, and `dialect` supplies the connections
 * and the few things the two spell differently. Upgrades the database's schema first.
 */
export async function openKyselyStore(dialect: StoreDialect): Promise<HubStore> {
  try {
    await migrate(dialect);
  } catch (error) {
    await dialect.close();
    throw error;
  }
  const { reader, writer, readJson } = dialect;
  return {
    dialect: dialect.name,
    transaction: (work) => writer.transaction().execute((trx) => work(transactionOn(trx, dialect))),
    headSeq: () => events.headSeq(reader),
    oldestRetainedSeq: () => events.oldestRetainedSeq(reader),
    eventsBetween: (after, through, scope, limit, withheld = []) =>
      events.eventsBetween(reader, readJson, { after, through, limit }, scope, withheld),
    snapshot: (scope, withheld = []) => snapshot(dialect, scope, withheld),
    entitiesInScope: (scope, kind) => entities.entitiesInScope(reader, readJson, scope, { kind }),
    getEntity: (kind, id) => entities.getEntity(reader, readJson, kind, id),
    eventsAbout: (subject) => events.eventsAbout(reader, readJson, subject),
    accountByName: (name) => accounts.accountWhere(reader, 'name', name),
    accountById: (id) => accounts.accountWhere(reader, 'id', id),
    accountSecurity: (accountId) => accounts.accountSecurity(reader, accountId),
    countAccounts: () => accounts.countAccounts(reader),
    listAccounts: () => accounts.listAccounts(reader),
    apiKeyByHash: (keyHash) => accounts.apiKeyByHash(reader, keyHash),
    listApiKeys: () => accounts.listApiKeys(reader),
    getSetting: (key) => records.getSetting(reader, key),
    auditEntries: (limit) => records.auditEntries(reader, readJson, limit),
    pruneEventsThrough: (seq) => events.pruneEventsThrough(writer, seq),
    close: () => dialect.close(),
  };
}
