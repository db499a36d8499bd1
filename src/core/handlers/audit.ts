import { wording, WordedError } from '../../domain/wording';
import type { AuditClient } from '../hub-api/audit-client';
import type { CoreServices, HandlersFor } from './types';

type AuditMethods = 'audit.search' | 'audit.export';

/**
 * The audit administrator's screen: the hub's audit trail, asked for with the session's token. Refused to every
 * other role here as on the hub.
 */
export function auditHandlers({
  session,
  audit,
  names,
}: Pick<CoreServices, 'session' | 'audit' | 'names'>): HandlersFor<AuditMethods> {
  const client = (): AuditClient => {
    session.requirePermission('read-audit', 'the audit trail');
    if (!audit) throw new WordedError(wording('hubUnreachable', {}, 'this desktop runs without a hub'));
    return audit;
  };
  return {
    'audit.search': async (query) => {
      const page = await client().search(query);
      const scopes = page.records.flatMap((record) => (record.scope ? [record.scope] : []));
      return { ...page, names: names.places([...new Set(scopes)]) };
    },
    'audit.export': async (filter) => client().export(filter, Date.now()),
  };
}
