import { Command } from 'commander';
import { registerDesktopCommand } from './desktop';
import { registerHubCommands } from './hub';
import { registerRegionCommands } from './region';
import { registerSimulateCommand } from './simulate';
import { registerStartCommand } from './start';
import { registerSyncCommand } from './sync';

const program = new Command()
  .name('pingan')
  .description('平安指挥 Pingan Command — command-centre dashboard for comprehensive-governance centres')
  .showHelpAfterError();

registerRegionCommands(program);
registerHubCommands(program);
registerStartCommand(program);
registerDesktopCommand(program);
registerSyncCommand(program);
registerSimulateCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`pingan: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = process.exitCode || 1;
}
