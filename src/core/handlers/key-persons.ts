import {
  CODE_LENGTH,
  DOCUMENT_COLUMNS,
  WordedError,
  keyPersonList,
  keyPersonRow,
  wording,
} from '../../domain';
import { keyPersonsIn } from '../cache/key-persons';
import type { KeyPersonListView } from '../contract/key-persons';
import { keyPersonCsv } from '../documents/key-person-export';
import type { CoreServices, HandlersFor } from './types';

type KeyPersonMethods = 'documents.keyPersons' | 'documents.exportKeyPersons' | 'keyPersons.unmask';
type KeyPersonSources = Pick<CoreServices, 'cache' | 'queue' | 'session' | 'names'>;

/** 重点人员清单 of a scope: the rows, masked, and the names they refer to. */
function keyPersonsOf(
  { cache, queue, session, names }: KeyPersonSources,
  scope: string | undefined,
  masked: boolean,
): KeyPersonListView {
  session.requirePermission('view-key-persons', 'the key-person list');
  const within = session.scoped(scope);
  const persons = keyPersonList(keyPersonsIn(cache.db, cache.personal, within), within);
  const named = names.places([
    within,
    ...persons.map((person) => person.jurisdictionCode.slice(0, CODE_LENGTH.village)),
  ]);
  for (const incidentId of new Set(persons.flatMap((person) => person.linkedIncidentIds)))
    named[incidentId] = queue.get(incidentId)?.title ?? incidentId;
  names.addAccounts(named, new Set(persons.map((person) => person.registeredBy)));
  return { scope: within, masked, rows: persons.map((person) => keyPersonRow(person, masked)), names: named };
}

/**
 * The key-person list, to roles that may see it: on screen and exported with ID numbers and phones masked, each
 * export recorded in the hub's audit log; one person's whole to a role that may unmask them, each look recorded.
 */
export function keyPersonHandlers(
  services: KeyPersonSources & Pick<CoreServices, 'exportAudit' | 'unmaskAudit'>,
): HandlersFor<KeyPersonMethods> {
  return {
    'documents.keyPersons': async ({ scope, masked }) => keyPersonsOf(services, scope, masked),
    'documents.exportKeyPersons': async ({ scope, format }) => {
      const list = keyPersonsOf(services, scope, false);
      const now = Date.now();
      services.exportAudit.record(
        {
          document: 'key-person-list',
          scope: list.scope,
          format,
          count: list.rows.length,
          columns: [...DOCUMENT_COLUMNS['key-person-list']],
        },
        now,
      );
      if (format === 'pdf') return { format, ...list, count: list.rows.length };
      return { format, ...keyPersonCsv(list.rows, list.names, list.names[list.scope] ?? list.scope, now) };
    },
    'keyPersons.unmask': async ({ id }) => {
      const { cache, session, unmaskAudit } = services;
      session.requirePermission('unmask-personal-data', 'a key person’s ID number and phone in full');
      const person = keyPersonsIn(cache.db, cache.personal, session.scoped(undefined)).find(
        (candidate) => candidate.id === id,
      );
      if (!person)
        throw new WordedError(wording('keyPersonNotFound', {}, `there is no key person ${id} in scope`));
      unmaskAudit.record('key-person', id, Date.now());
      return { id, idNumber: person.idNumber, phone: person.phone };
    },
  };
}
