import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('../fixtures/layering', import.meta.url));
const depcruise = `${repoRoot}node_modules/.bin/depcruise`;
const config = createRequire(import.meta.url)(`${repoRoot}.dependency-cruiser.cjs`) as {
  forbidden: { name: string }[];
};

function cruise(cwd: string, paths: string[]) {
  const result = spawnSync(
    depcruise,
    ['--config', `${repoRoot}.dependency-cruiser.cjs`, '--output-type', 'err', ...paths],
    { cwd, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** One fixture file per rule, breaking that rule and no other: the rule, and the edge it is named for. */
const CASES: [rule: string, edge: string][] = [
  ['domain-is-pure', 'src/domain/reads-a-file.ts → fs'],
  ['protocol-is-pure', 'src/protocol/logs-to-a-file.ts → fs'],
  ['contract-is-pure', 'src/core/contract/uses-the-cache.ts → src/core/cache.ts'],
  ['renderer-uses-contract-only', 'renderer/app.ts → src/hub/uses-core.ts'],
  ['renderer-has-no-node', 'renderer/reads-a-file.ts → fs'],
  ['renderer-does-not-import-electron', 'renderer/opens-a-window.ts → electron/window.ts'],
  ['hub-does-not-import-core', 'src/hub/uses-core.ts → src/core/cache.ts'],
  ['core-does-not-import-hub', 'src/core/uses-hub.ts → src/hub/server.ts'],
  ['electron-uses-core-and-domain', 'electron/starts-the-hub.ts → src/hub/server.ts'],
  ['sim-uses-public-layers-only', 'src/sim/reads-the-hub-store.ts → src/hub/store.ts'],
  ['regions-use-domain-only', 'src/regions/knows-the-hub.ts → src/hub/server.ts'],
  ['region-build-is-for-the-cli', 'src/hub/builds-regions.ts → src/regions/build/voronoi.ts'],
  ['only-the-cli-runs-the-simulator', 'src/hub/runs-the-simulator.ts → src/sim/clock.ts'],
  ['nothing-imports-the-cli', 'src/core/starts-from-the-cli.ts → src/cli/main.ts'],
  ['src-does-not-import-shells', 'src/cli/draws-the-map.ts → renderer/map.ts'],
  ['no-circular', 'src/cli/loops-a.ts → '],
  ['not-to-unresolvable', 'src/cli/needs-a-missing-package.ts → no-such-package-anywhere'],
];

describe('the layering check', () => {
  const violations = cruise(fixtureRoot, ['src', 'renderer', 'electron']);
  const named = [...violations.output.matchAll(/^\s*error ([\w-]+): (\S+) →/gm)].map(([, rule, from]) => [
    rule,
    from,
  ]);

  it('fails on a tree that breaks the layering', () => {
    expect(violations.status).not.toBe(0);
  });

  it('has a fixture case for every rule', () => {
    expect(CASES.map(([rule]) => rule).sort()).toEqual(config.forbidden.map((rule) => rule.name).sort());
  });

  it.each(CASES)('reports %s for %s', (rule, edge) => {
    expect(violations.output).toContain(`${rule}: ${edge}`);
  });

  it('names each fixture file for exactly the one rule it breaks', () => {
    expect(named.sort()).toEqual(CASES.map(([rule, edge]) => [rule, edge.split(' → ')[0]]).sort());
  });

  it('passes on the product itself', () => {
    const product = cruise(repoRoot, ['src', 'renderer', 'electron']);
    expect(product.output).toContain('no dependency violations');
    expect(product.status).toBe(0);
  });
});
