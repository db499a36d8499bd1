import { Command } from 'commander';

interface TopLevelCommand {
  name: string;
  description: string;
  /** Adds the command's options, subcommands and action; imported only when that command is asked for. */
  load(): Promise<(command: Command) => void>;
}

/**
 * The commands and what they are for. A command's module (and the hub, core or simulator it imports) loads
 * only when that command runs or its own help is asked for, so `pingan --help` answers at once.
 */
const COMMANDS: readonly TopLevelCommand[] = [
  {
    name: 'region',
    description: 'build, import and inspect regions (assets/regions/)',
    load: async () => (await import('./region')).registerRegionCommands,
  },
  {
    name: 'hub',
    description: 'run the hub service: event log, live stream, commands, ingest API',
    load: async () => (await import('./hub')).registerHubCommands,
  },
  {
    name: 'audit',
    description: 'check the hub audit trail (verify) and remove records past their retention (purge)',
    load: async () => (await import('./audit')).registerAuditCommands,
  },
  {
    name: 'start',
    description: 'the demo: an embedded hub with the region and the simulator, and the desktop signed in',
    load: async () => (await import('./start')).registerStartCommand,
  },
  {
    name: 'desktop',
    description: 'the desktop dashboard on its own, against a running hub (or the cache alone)',
    load: async () => (await import('./desktop')).registerDesktopCommand,
  },
  {
    name: 'sync',
    description: 'sync a desktop cache with a hub without any window (for operations and checks)',
    load: async () => (await import('./sync')).registerSyncCommand,
  },
  {
    name: 'simulate',
    description:
      'drive a hub through its public APIs with a simulated day: reports, the centre working them, cameras and forces',
    load: async () => (await import('./simulate')).registerSimulateCommand,
  },
];

const program = new Command()
  .name('pingan')
  .description('平安指挥 Pingan Command — command-centre dashboard for comprehensive-governance centres')
  .showHelpAfterError();

/** `pingan hub …` and `pingan help hub` both need the hub command in full; anything else, none of them. */
function askedFor(argv: readonly string[]): string | undefined {
  const [first, second] = argv.slice(2);
  return first === 'help' ? second : first;
}

try {
  const asked = askedFor(process.argv);
  for (const { name, description, load } of COMMANDS) {
    const command = program.command(name).description(description);
    if (name === asked) (await load())(command);
  }
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`pingan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = process.exitCode || 1;
}
