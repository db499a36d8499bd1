import type { EventType } from './event';
import { can, roleSchema, type Permission } from './operator';
import type { EntityKind } from './projection';

/**
 * Event types and entity kinds that only some roles may see, with the permission it takes. Everything else in
 * an account's jurisdiction reaches every account there; these are withheld from its stream, its catch-up and
 * its snapshots unless its role has the permission.
 */
const EVENT_PERMISSION: Partial<Record<EventType, Permission>> = {
  'key-person.registered': 'view-key-persons',
  'key-person.removed': 'view-key-persons',
};
const KIND_PERMISSION: Partial<Record<EntityKind, Permission>> = {
  'key-person': 'view-key-persons',
};

/** An unknown role (an account written by a newer hub, say) sees nothing restricted. */
export function mayView(role: string, permission: Permission | undefined): boolean {
  if (permission === undefined) return true;
  const known = roleSchema.safeParse(role);
  return known.success && can(known.data, permission);
}

export function mayViewEvent(role: string, type: string): boolean {
  return mayView(role, EVENT_PERMISSION[type as EventType]);
}

export function withheldEventTypes(role: string): EventType[] {
  return (Object.keys(EVENT_PERMISSION) as EventType[]).filter((type) => !mayViewEvent(role, type));
}

export function withheldKinds(role: string): EntityKind[] {
  return (Object.entries(KIND_PERMISSION) as [EntityKind, Permission][])
    .filter(([, permission]) => !mayView(role, permission))
    .map(([kind]) => kind);
}
