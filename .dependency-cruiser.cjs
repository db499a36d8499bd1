/**
 * The layering of Pingan Command, enforced in CI (`npm run layering`).
 *
 *   renderer ──► src/domain, src/core/contract
 *   electron ──► src/core, src/domain
 *   src/core ──► src/domain          (never src/hub)
 *   src/hub  ──► src/domain          (never src/core)
 *   src/domain ──► zod only          (pure: no I/O, no Node built-ins)
 */
const IO_FREE_PACKAGES = '^node_modules/(zod)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds types, schemas and rules: it may not import Node built-ins or I/O packages.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: {
        pathNot: ['^src/domain/', IO_FREE_PACKAGES],
      },
    },
    {
      name: 'contract-is-pure',
      comment: 'The API contract is shared with the renderer: domain types and zod only.',
      severity: 'error',
      from: { path: '^src/core/contract/' },
      to: { pathNot: ['^src/core/contract/', '^src/domain/', IO_FREE_PACKAGES] },
    },
    {
      name: 'renderer-uses-contract-only',
      comment:
        'The renderer sees the domain types and the API contract, never the core, the hub or the tools.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^src/', pathNot: ['^src/domain/', '^src/core/contract/'] },
    },
    {
      name: 'renderer-has-no-node',
      comment: 'The renderer runs sandboxed in a browser: no Node built-ins, no Electron.',
      severity: 'error',
      from: { path: '^renderer/', pathNot: '^renderer/vite\\.config\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-does-not-import-electron',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron/|node_modules/electron/)' },
    },
    {
      name: 'hub-does-not-import-core',
      severity: 'error',
      from: { path: '^src/hub/' },
      to: { path: '^src/core/' },
    },
    {
      name: 'core-does-not-import-hub',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^src/hub/' },
    },
    {
      name: 'src-does-not-import-shells',
      comment: 'The Electron shell and the renderer sit on top of src/, never below it.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(electron|renderer)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'geojson is a types-only package (@types/geojson): nothing to resolve at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^geojson$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out|dist)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types'],
    },
  },
};
