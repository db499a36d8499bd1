/**
 * The layering of Pingan Command, enforced in CI (`npm run layering`).
 *
 *   renderer     ──► src/domain, src/core/contract
 *   electron     ──► src/core, src/domain
 *   src/cli      ──► everything in src/ (the top: nothing imports it)
 *   src/sim      ──► src/domain, src/protocol, src/regions (read-only: store, names, seeded-random)
 *   src/core     ──► src/domain, src/protocol, src/regions (never src/hub)
 *   src/hub      ──► src/domain, src/protocol, src/regions (never src/core)
 *   src/regions  ──► src/domain       (its build and import code is run by the CLI only)
 *   src/protocol ──► src/domain, zod  (pure: the hub ↔ desktop wire and the ingest schemas)
 *   src/domain   ──► zod only         (pure: no I/O, no Node built-ins)
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
      name: 'protocol-is-pure',
      comment: 'src/protocol is the wire shared by hub, desktop and simulator: domain types and zod only.',
      severity: 'error',
      from: { path: '^src/protocol/' },
      to: { pathNot: ['^src/protocol/', '^src/domain/', IO_FREE_PACKAGES] },
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
      name: 'electron-uses-core-and-domain',
      comment: 'The Electron shell starts the desktop core; it never reaches into the hub or the tools.',
      severity: 'error',
      from: { path: '^electron/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/domain/'] },
    },
    {
      name: 'sim-uses-public-layers-only',
      comment:
        'The simulator talks to the hub only through its HTTP API and the shared protocol: it may use the ' +
        "domain, the protocol and the region files' readers, never the hub, the core or the region build.",
      severity: 'error',
      from: { path: '^src/sim/' },
      to: {
        path: '^src/',
        pathNot: [
          '^src/sim/',
          '^src/domain/',
          '^src/protocol/',
          '^src/regions/(store|names|seeded-random)\\.ts$',
        ],
      },
    },
    {
      name: 'regions-use-domain-only',
      comment:
        'The region files and their tools know jurisdictions, nothing of the hub, the core or the tools.',
      severity: 'error',
      from: { path: '^src/regions/' },
      to: { path: '^src/', pathNot: ['^src/regions/', '^src/domain/'] },
    },
    {
      name: 'region-build-is-for-the-cli',
      comment:
        'Building and importing region files is a CLI job: the hub, the core and the simulator read them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/regions/', '^src/cli/'] },
      to: { path: '^src/regions/(build|import)(/|\\.ts$)' },
    },
    {
      name: 'only-the-cli-runs-the-simulator',
      comment: 'The simulator is a tool on top of the hub: no service layer depends on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/sim/', '^src/cli/'] },
      to: { path: '^src/sim/' },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The CLI composes everything in src/ and sits on top: nothing imports it.',
      severity: 'error',
      from: { pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
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
