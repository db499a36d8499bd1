import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtureRoot = fileURLToPath(new URL('../fixtures/layering', import.meta.url));
const depcruise = `${repoRoot}node_modules/.bin/depcruise`;

function cruise(cwd: string, paths: string[]) {
  const result = spawnSync(
    depcruise,
    ['--config', `${repoRoot}.dependency-cruiser.cjs`, '--output-type', 'err', ...paths],
    { cwd, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('the layering check', () => {
  const violations = cruise(fixtureRoot, ['src', 'renderer']);

  it('fails on a tree that breaks the layering', () => {
    expect(violations.status).not.toBe(0);
  });

  it.each([
    ['domain-is-pure', 'src/domain/reads-a-file.ts → fs'],
    ['hub-does-not-import-core', 'src/hub/uses-core.ts → src/core/cache.ts'],
    ['renderer-uses-contract-only', 'renderer/app.ts → src/hub/uses-core.ts'],
  ])('reports %s for %s', (rule, edge) => {
    expect(violations.output).toContain(`${rule}: ${edge}`);
  });

  it('passes on the product itself', () => {
    const product = cruise(repoRoot, ['src', 'renderer', 'electron']);
    expect(product.output).toContain('no dependency violations');
    expect(product.status).toBe(0);
  });
});
