import type { MemberUnit } from '../../domain';
import { storeNewApiKey } from '../accounts';
import type { HubStore, HubTransaction } from '../store';

/**
 * Which member unit a key speaks for. A unit's own system (its 签收 portal) holds a key whose source is
 * bound to the unit, and may acknowledge that unit's orders only; a key bound to no unit (a grid app, the
 * camera platform) acknowledges nothing. The binding is a settings row per source, written once: a source
 * never changes the unit it speaks for.
 */
const SETTING_PREFIX = 'api-key-unit:';

export class UnitKeyError extends Error {}

/** The unit the keys of `source` speak for, if they speak for one. */
export function unitOfSource(store: HubStore, source: string): Promise<string | undefined> {
  return store.getSetting(`${SETTING_PREFIX}${source}`);
}

/** Binds `source` to the unit `unitId`, which must exist; a source bound to another unit is refused. */
export async function bindSourceToUnit(
  tx: HubTransaction,
  source: string,
  unitId: string,
): Promise<MemberUnit> {
  const unit = (await tx.getEntity('member-unit', unitId))?.doc as MemberUnit | undefined;
  if (!unit) throw new UnitKeyError(`there is no member unit ${unitId}`);
  await tx.initSetting(`${SETTING_PREFIX}${source}`, unitId);
  return unit;
}

/** A new key for a member unit's own system, bound to the unit, in the unit's jurisdiction. */
export async function createUnitApiKey(
  store: HubStore,
  source: string,
  unitId: string,
  displayName = '',
): Promise<{ source: string; key: string; unit: MemberUnit }> {
  const bound = await unitOfSource(store, source);
  if (bound !== undefined && bound !== unitId) {
    throw new UnitKeyError(`the source ${source} already speaks for the unit ${bound}`);
  }
  // Binding a source that already has keys would give those keys, made for another system, the unit's say.
  if (bound === undefined && (await store.listApiKeys()).some((key) => key.source === source)) {
    throw new UnitKeyError(`the source ${source} already has keys bound to no unit: choose another source`);
  }
  return store.transaction(async (tx) => {
    const unit = await bindSourceToUnit(tx, source, unitId);
    const created = await storeNewApiKey(tx, source, unit.jurisdictionCode, displayName || unit.name);
    return { ...created, unit };
  });
}
