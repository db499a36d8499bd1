import type { JurisdictionLevel, MemberUnit } from '../../domain';
import type { BoundaryCollection } from '../../regions/store';

/** Grids are numbered, not named: names come from the levels above them. */
export const NAMED_LEVELS: readonly JurisdictionLevel[] = ['prefecture', 'county', 'township', 'village'];

export interface NameSources {
  boundaries: (level: JurisdictionLevel) => BoundaryCollection;
  /** The person behind an account, if the hub has named them to this screen. */
  accountName: (accountId: string) => string | undefined;
  memberUnits: () => readonly MemberUnit[];
}

/** Names for what screens and documents mention by code or id: places, centres, member units and operators. */
export class NamesDirectory {
  constructor(private readonly sources: NameSources) {}

  /**
   * Names of jurisdictions by code, from the region's boundaries at `levels`; a code without one is left out.
   * Grids are left out unless asked for: their names only repeat their village's with a number.
   */
  places(
    codes: readonly string[],
    levels: readonly JurisdictionLevel[] = NAMED_LEVELS,
  ): Record<string, string> {
    const wanted = new Set(codes);
    const names: Record<string, string> = {};
    for (const level of levels)
      for (const feature of this.sources.boundaries(level).features)
        if (wanted.has(feature.properties.code)) names[feature.properties.code] = feature.properties.name;
    return names;
  }

  /** The name of the centre (综治中心) of jurisdiction `code`, `unnamed` standing in for a place without a name. */
  centre(code: string, unnamed: string): string {
    return `${this.places([code])[code] ?? unnamed}综治中心`;
  }

  /** Member units by id, as the cache holds them now. */
  units(): Map<string, MemberUnit> {
    return new Map(this.sources.memberUnits().map((unit) => [unit.id, unit]));
  }

  /** Adds the names of `unitIds` to `names`, a unit the cache does not know named by its id. */
  addUnits(names: Record<string, string>, unitIds: Iterable<string>, units = this.units()): void {
    for (const unitId of new Set(unitIds)) names[unitId] = units.get(unitId)?.name ?? unitId;
  }

  /** The person behind `accountId`, if the hub has named them. */
  account(accountId: string): string | undefined {
    return this.sources.accountName(accountId);
  }

  /** Adds the persons behind `accountIds` to `names`, those the hub has not named left out. */
  addAccounts(names: Record<string, string>, accountIds: Iterable<string>): void {
    for (const accountId of accountIds) {
      const name = this.sources.accountName(accountId);
      if (name !== undefined) names[accountId] = name;
    }
  }

  accounts(accountIds: readonly string[]): Record<string, string> {
    const names: Record<string, string> = {};
    this.addAccounts(names, accountIds);
    return names;
  }
}
