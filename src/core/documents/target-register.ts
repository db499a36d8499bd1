import type Database from 'better-sqlite3';
import { CODE_LENGTH, inspectionDue, isInspectionOverdue, targetRegister } from '../../domain';
import { targetsIn } from '../cache/targets';
import type { TargetRegisterView } from '../contract/targets';

/**
 * The registers of a scope as the cache holds them at `now`, each dangerous object with its next inspection, and
 * the places the rows name: the scope and their villages.
 */
export function targetRegisterView(db: Database.Database, scope: string, now: number) {
  const { dangerousObjects, sensitivePlaces } = targetRegister(targetsIn(db, scope), scope);
  const register: Omit<TargetRegisterView, 'names'> = {
    scope,
    dangerousObjects: dangerousObjects.map(({ removal: _removal, ...object }) => ({
      ...object,
      inspectionDue: inspectionDue(object),
      inspectionOverdue: isInspectionOverdue(object, now),
    })),
    sensitivePlaces: sensitivePlaces.map(({ removal: _removal, ...place }) => place),
  };
  const rows = [...register.dangerousObjects, ...register.sensitivePlaces];
  return {
    register,
    places: [scope, ...rows.map((row) => row.jurisdictionCode.slice(0, CODE_LENGTH.village))],
  };
}
