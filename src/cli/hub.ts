import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { ROLES, jurisdictionCodeSchema, roleSchema } from '../domain';
import { createAccount, createApiKey } from '../hub/accounts';
import { createUnitApiKey } from '../hub/ingest/unit-keys';
import { loadVideoConfig, videoOptionsOf } from '../hub/video/gateway-config';
import { bootstrapAccounts } from '../hub/bootstrap';
import { RegionIndex } from '../hub/region-index';
import { seedHub } from './seed-demo';
import { startHub, type HubOptions as ServerOptions } from '../hub/server';
import type { HubStore } from '../hub/store';
import { describeDatabase, withHubStore } from './hub-database';
import { progressReporter } from './progress';

export const DEFAULT_DB = 'sqlite:./data/hub.db';
export const SIMULATOR_CREDENTIALS_FILE = './data/simulator-credentials.json';

/** Accounts and keys belong to a jurisdiction of the hub's region: refuse codes the region lacks. */
function checkJurisdiction(region: RegionIndex, code: string): void {
  const parsed = jurisdictionCodeSchema.safeParse(code);
  if (!parsed.success) throw new Error(`--jurisdiction ${code}: ${parsed.error.issues[0]?.message}`);
  if (!region.get(code))
    throw new Error(`--jurisdiction ${code}: no such jurisdiction in region ${region.regionId}`);
}

/** A key for a field source in a jurisdiction, or for a member unit's own system, bound to the unit. */
async function addKey(store: HubStore, options: HubOptions & KeyOptions) {
  if (options.unit) {
    const created = await createUnitApiKey(store, options.source, options.unit, options.displayName);
    return { source: created.source, key: created.key, jurisdiction: created.unit.jurisdictionCode };
  }
  if (!options.jurisdiction) throw new Error('--jurisdiction or --unit is required');
  checkJurisdiction(new RegionIndex(options.region), options.jurisdiction);
  const created = await createApiKey(store, options.source, options.jurisdiction, options.displayName);
  return { ...created, jurisdiction: options.jurisdiction };
}

export function writeSimulatorCredentials(
  file: string,
  hubUrl: string,
  credentials: { apiKey: string; operator: { name: string; password: string } },
) {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ hubUrl, ...credentials }, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
}

/**
 * `--db` and `--region` are declared once, on `pingan hub`, and its subcommands read them through
 * `optsWithGlobals`: commander hands an option typed after a subcommand to the first command that declares
 * it, so a second declaration below would silently keep its default while the operator's value went
 * elsewhere.
 */
interface HubOptions {
  db: string;
  region: string;
  keys?: string;
}
interface AccountOptions {
  name: string;
  role: string;
  jurisdiction: string;
  displayName?: string;
  post?: string;
  json?: boolean;
}
interface KeyOptions {
  source: string;
  jurisdiction?: string;
  unit?: string;
  displayName?: string;
  json?: boolean;
}

interface HubStartOptions extends HubOptions {
  redis?: string;
  port: number;
  host: string;
  tlsCert?: string;
  tlsKey?: string;
  deployment?: string;
  videoGateways?: string;
}

/** The certificate and key, both or neither; read here so a wrong path is said before the hub starts. */
function tlsOf(options: HubStartOptions): { tls?: { cert: Buffer; key: Buffer } } {
  if (!options.tlsCert && !options.tlsKey) return {};
  if (!options.tlsCert || !options.tlsKey) throw new Error('give both --tls-cert and --tls-key, or neither');
  return { tls: { cert: readFileSync(options.tlsCert), key: readFileSync(options.tlsKey) } };
}

/** What `pingan hub` starts the hub with, its files read first so a wrong path is said before it starts. */
function hubOptionsOf(options: HubStartOptions): ServerOptions {
  return {
    db: options.db,
    ...(options.keys ? { keysDir: options.keys } : {}),
    region: options.region,
    port: options.port,
    host: options.host,
    ...(options.redis ? { redisUrl: options.redis } : {}),
    ...tlsOf(options),
    ...(options.deployment ? { deployment: options.deployment } : {}),
    ...(options.videoGateways ? { video: videoOptionsOf(loadVideoConfig(options.videoGateways)) } : {}),
  };
}

export function registerHubCommands(hub: Command): void {
  hub
    .configureHelp({ showGlobalOptions: true })
    .option('--db <location>', 'sqlite:PATH (embedded) or postgres://… (shared)', DEFAULT_DB)
    .option('--redis <url>', 'fan out through Redis to other hub processes (redis://…)')
    .option('--port <port>', 'port to listen on', Number, 7300)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--region <id>', 'the region this hub serves', 'dali')
    .option(
      '--keys <dir>',
      'the audit and personal-data keys (default: beside an SQLite database, ./data/keys)',
    )
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS and WSS (with --tls-key)')
    .option('--tls-key <file>', "the certificate's PEM private key")
    .option('--deployment <id>', "the deployment sharing Redis channels (default: the database's own id)")
    .option('--video-gateways <file>', "the media gateways' configuration (JSON, readable by its owner only)")
    .action(async (options: HubStartOptions) => {
      const running = await startHub(hubOptionsOf(options));
      const credentials = await bootstrapAccounts(running.store, running.region);
      if (credentials) {
        writeSimulatorCredentials(SIMULATOR_CREDENTIALS_FILE, running.url, credentials.simulator);
        console.log('First run: accounts created. These passwords are shown once:');
        console.log(`  system administrator    ${credentials.admin.name} / ${credentials.admin.password}`);
        console.log(
          `  security administrator  ${credentials.security.name} / ${credentials.security.password}`,
        );
        console.log(
          `  audit administrator     ${credentials.auditor.name} / ${credentials.auditor.password}`,
        );
        console.log(
          `  duty commander          ${credentials.demoOperator.name} / ${credentials.demoOperator.password}`,
        );
        console.log(
          '  The administrators change their password and enrol an authenticator app at first sign-in.',
        );
        console.log(`  simulator credentials written to ${SIMULATOR_CREDENTIALS_FILE}`);
      }
      const reportProgress = progressReporter();
      const seeded = await seedHub(running.store, options.region, {
        onProgress: (done, total) =>
          reportProgress(done, total, 'seeding the region: units, cameras, forces'),
      });
      if (seeded.seeded) {
        console.log(
          `Seeded ${seeded.units} member units, ${seeded.points} monitoring points, ${seeded.forces} forces`,
        );
      }
      console.log(`Hub for ${running.region.describe(running.region.rootCode)} listening on ${running.url}`);
      const stop = () => void running.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  hub
    .command('user')
    .description('operator accounts')
    .command('add')
    .description('add an operator account and print its one-time password')
    .requiredOption('--name <name>', 'sign-in name')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--jurisdiction <code>', 'the jurisdiction the account is bound to, e.g. 532901')
    .option('--display-name <name>', 'the person, as screens and records name them, e.g. 李明')
    .option('--post <post>', 'their post, e.g. 值班员')
    .option('--json', 'print {"name":…,"password":…}')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<HubOptions & AccountOptions>();
      const role = roleSchema.safeParse(options.role);
      if (!role.success) throw new Error(`--role ${options.role}: one of ${ROLES.join(', ')}`);
      checkJurisdiction(new RegionIndex(options.region), options.jurisdiction);
      const { account, password } = await withHubStore(options.db, options.keys, (store) =>
        createAccount(store, {
          name: options.name,
          role: role.data,
          jurisdiction: options.jurisdiction,
          ...(options.displayName ? { displayName: options.displayName } : {}),
          ...(options.post ? { post: options.post } : {}),
        }),
      );
      if (options.json) console.log(JSON.stringify({ name: account.name, password }));
      else {
        console.log(
          `Account ${account.name} (${account.role}, ${account.jurisdiction}) added to ${describeDatabase(options.db)}`,
        );
        console.log(`One-time password, shown once: ${password}`);
      }
    });

  hub
    .command('key')
    .description('ingest API keys')
    .command('add')
    .description('add an ingest API key for a field source and print it once')
    .requiredOption('--source <name>', 'the sending system, e.g. camera-platform, grid-app, hotline')
    .option('--jurisdiction <code>', 'the jurisdiction the key may report on, e.g. 5329')
    .option('--unit <id>', "a member unit's own system: the key acknowledges that unit's orders only")
    .option('--display-name <name>', 'what screens call the system, e.g. 网格通 App')
    .option('--json', 'print {"source":…,"key":…}')
    .action(async (_options: unknown, command: Command) => {
      const options = command.optsWithGlobals<HubOptions & KeyOptions>();
      if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(options.source)) {
        throw new Error(`--source ${options.source}: lowercase letters, digits and dashes`);
      }
      const created = await withHubStore(options.db, options.keys, (store) => addKey(store, options));
      if (options.json) console.log(JSON.stringify({ source: created.source, key: created.key }));
      else {
        console.log(
          `API key for ${created.source} (${created.jurisdiction}) added to ${describeDatabase(options.db)}`,
        );
        console.log(`Shown once: ${created.key}`);
      }
    });
}
