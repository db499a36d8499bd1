import type { ExpressionSpecification } from 'maplibre-gl';
import {
  CODE_LENGTH,
  isWithin,
  JURISDICTION_LEVELS,
  levelOfCode,
  type JurisdictionLevel,
} from '../../../../src/domain';
import type { RegionUnit } from '../data/region-data';

/**
 * Drilling down: the operator's jurisdiction is the root, each click goes one level deeper
 * (county → township → village → grid), and the breadcrumb leads back up. Codes nest by prefix, so "in
 * scope" is "starts with the scope's code".
 */

export function childLevelOf(code: string): JurisdictionLevel | undefined {
  const level = levelOfCode(code);
  return level ? JURISDICTION_LEVELS[JURISDICTION_LEVELS.indexOf(level) + 1] : undefined;
}

export const inScope = (code: string, scope: string) => isWithin(code, scope);

/** A style expression: the feature's `property` (a jurisdiction code) lies in `scope`. */
export function inScopeExpression(scope: string, property = 'code'): ExpressionSpecification {
  return ['==', ['slice', ['to-string', ['get', property]], 0, scope.length], scope];
}

export interface Crumb {
  code: string;
  name: string;
  level: JurisdictionLevel;
}

/** The breadcrumb from the root down to `scope`. */
export function trailOf(scope: string, root: string, units: ReadonlyMap<string, RegionUnit>): Crumb[] {
  const rootLevel = levelOfCode(root);
  const scopeLevel = levelOfCode(scope);
  if (!rootLevel || !scopeLevel || !inScope(scope, root)) return [];
  return JURISDICTION_LEVELS.slice(
    JURISDICTION_LEVELS.indexOf(rootLevel),
    JURISDICTION_LEVELS.indexOf(scopeLevel) + 1,
  ).map((level) => {
    const code = scope.slice(0, CODE_LENGTH[level]);
    return { code, level, name: units.get(code)?.name ?? code };
  });
}

/** Where a click on a region leads: one level below the scope, never outside it. */
export function drillTarget(clicked: string, scope: string): string | undefined {
  const child = childLevelOf(scope);
  if (!child || !inScope(clicked, scope) || clicked.length < CODE_LENGTH[child]) return undefined;
  return clicked.slice(0, CODE_LENGTH[child]);
}
