import type { Transaction } from 'kysely';
import * as accounts from './accounts';
import * as auditTrail from './audit-trail';
import type { StoreDialect } from './dialect';
import * as entities from './entities';
import * as events from './events';
import { migrate } from './migrations';
import { PERSONAL_DATA_AS_IS, personalDataCodec } from '../../gm';
import type { RowCodec } from './personal-data';
import * as records from './records';
import * as settings from './settings';
import type { HubSchema } from './schema';
import type { HubStore, HubTransaction } from './types';

function transactionOn(
  trx: Transaction<HubSchema>,
  dialect: StoreDialect,
  codec: RowCodec,
  { auditKey }: StoreOptions,
): HubTransaction {
  return {
    serialise: () => dialect.lockWriters(trx),
    appendEvents: (list) => events.appendEvents(trx, dialect, codec, list),
    getEntity: (kind, id) => entities.getEntity(trx, codec, kind, id),
    getEntities: (kind, ids) => entities.getEntities(trx, codec, kind, ids),
    putEntities: (list) => entities.putEntities(trx, codec, list),
    getCommandOutcome: (commandId) => records.getCommandOutcome(trx, dialect.readJson, commandId),
    putCommandOutcome: (record) => records.putCommandOutcome(trx, record),
    claimIngestIds: (source, ids) => records.claimIngestIds(trx, source, ids),
    audit: (entry) => auditTrail.appendAudit(trx, dialect, auditKey, entry),
    purgeAuditBefore: (before) => auditTrail.purgeAuditBefore(trx, dialect, auditKey, before),
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
function snapshot(dialect: StoreDialect, codec: RowCodec, scope: string, withheld: readonly string[]) {
  return dialect.reader
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (trx) => ({
      seq: await events.headSeq(trx),
      entities: await entities.entitiesInScope(trx, codec, scope, { withheld }),
    }));
}

export interface StoreOptions {
  /**
   * The hub's audit HMAC key, read from its file outside the database: without it the store reads the audit
   * trail but cannot add to it.
   */
  auditKey?: Uint8Array;
  /**
   * The key that seals personal data (ID numbers, phones) in stored events and entities, from the hub's key
   * file. Without it (account administration from the command line) those fields are stored as they come.
   */
  personalDataKey?: Uint8Array;
}

/**
 * The hub store on either database: every query is written once, and `dialect` supplies the connections
 * and the few things the two spell differently. Upgrades the database's schema first.
 */
export async function openKyselyStore(dialect: StoreDialect, options: StoreOptions = {}): Promise<HubStore> {
  try {
    await migrate(dialect);
  } catch (error) {
    await dialect.close();
    throw error;
  }
  const { reader, writer, readJson } = dialect;
  const codec: RowCodec = {
    readJson,
    personal: options.personalDataKey ? personalDataCodec(options.personalDataKey) : PERSONAL_DATA_AS_IS,
  };
  return {
    dialect: dialect.name,
    transaction: (work) =>
      writer.transaction().execute((trx) => work(transactionOn(trx, dialect, codec, options))),
    headSeq: () => events.headSeq(reader),
    oldestRetainedSeq: () => events.oldestRetainedSeq(reader),
    eventsBetween: (after, through, scope, limit, withheld = []) =>
      events.eventsBetween(reader, codec, { after, through, limit }, scope, withheld),
    replayFrame: (range, scope, withheld = []) => events.replayFrame(reader, codec, range, scope, withheld),
    snapshot: (scope, withheld = []) => snapshot(dialect, codec, scope, withheld),
    entitiesInScope: (scope, kind) => entities.entitiesInScope(reader, codec, scope, { kind }),
    getEntity: (kind, id) => entities.getEntity(reader, codec, kind, id),
    eventsAbout: (subject) => events.eventsAbout(reader, codec, subject),
    accountByName: (name) => accounts.accountWhere(reader, 'name', name),
    accountById: (id) => accounts.accountWhere(reader, 'id', id),
    accountSecurity: (accountId) => accounts.accountSecurity(reader, accountId),
    countAccounts: () => accounts.countAccounts(reader),
    listAccounts: () => accounts.listAccounts(reader),
    apiKeyByHash: (keyHash) => accounts.apiKeyByHash(reader, keyHash),
    listApiKeys: () => accounts.listApiKeys(reader),
    getSetting: (key) => records.getSetting(reader, key),
    auditEntries: (limit) => records.auditEntries(reader, readJson, limit),
    auditChain: (after, limit) => auditTrail.auditChain(reader, readJson, after, limit),
    unsealedAuditCount: () => auditTrail.unsealedCount(reader),
    async sealUnchainedAudit() {
      if (!options.auditKey) throw new auditTrail.AuditKeyMissingError();
      return auditTrail.sealUnchained(dialect, options.auditKey);
    },
    queryAudit: (filter) => auditTrail.queryAudit(reader, readJson, filter),
    pruneEventsThrough: (seq) => events.pruneEventsThrough(writer, seq),
    close: () => dialect.close(),
  };
}
