import { authorityFailure, type CentreContext, type CentreResult } from './centre-actions';
import type { KeyPerson, KeyPersonEntry } from './key-person';
import { inScope } from './operator';
import { refuse } from './refusal';
import { wording } from './wording';

/**
 * A commander lists a person, or corrects their entry. An entry already on someone's list can only be
 * replaced by an account whose scope holds it, so nobody moves a person out of a jurisdiction they do not run.
 * `linkedIncidents` are those of the entry's links that exist: each link must name an incident in the
 * commander's jurisdiction.
 */
export function registerKeyPerson(
  current: KeyPerson | null,
  entry: KeyPersonEntry,
  { actor, at }: CentreContext,
  linkedIncidents: readonly { id: string; jurisdiction: string }[],
): CentreResult<KeyPerson> {
  const failure =
    authorityFailure('manage-key-persons', entry.jurisdictionCode, actor) ??
    (current && authorityFailure('manage-key-persons', current.jurisdictionCode, actor));
  if (failure) return failure;
  const known = new Set(
    linkedIncidents
      .filter((incident) => inScope(actor.jurisdictionCode, incident.jurisdiction))
      .map((incident) => incident.id),
  );
  const unknown = entry.linkedIncidentIds.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return refuse(
      'precondition-failed',
      `there is no incident ${unknown.join(', ')} in ${actor.jurisdictionCode} to link the person to`,
      wording('unknownLinkedIncidents', { incidents: unknown.join('、') }),
    );
  }
  const person: KeyPerson = { ...entry, registeredBy: actor.id, registeredAt: at, removal: null };
  return {
    ok: true,
    value: person,
    events: [
      { type: 'key-person.registered', jurisdiction: person.jurisdictionCode, at, payload: { person } },
    ],
  };
}

/** Takes a person off the list, with the reason (稳控期满, 已迁出 …); registering them again puts them back. */
export function removeKeyPerson(
  current: KeyPerson,
  request: { reason: string },
  { actor, at }: CentreContext,
): CentreResult<KeyPerson> {
  const failure = authorityFailure('manage-key-persons', current.jurisdictionCode, actor);
  if (failure) return failure;
  if (current.removal) {
    return refuse(
      'precondition-failed',
      `key person ${current.id} was already taken off the list by ${current.removal.by} at ${current.removal.at}`,
      wording('keyPersonAlreadyRemoved', { at: current.removal.at }),
    );
  }
  const person: KeyPerson = { ...current, removal: { by: actor.id, at, reason: request.reason } };
  return {
    ok: true,
    value: person,
    events: [{ type: 'key-person.removed', jurisdiction: person.jurisdictionCode, at, payload: { person } }],
  };
}
