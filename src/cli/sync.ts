import type { Command } from 'commander';
import { PASSWORD_FILE_OPTION, passwordFrom } from './password-source';
import { DesktopCore } from '../core/desktop-core';

export interface SyncReport {
  cursor: number;
  events: number;
  incidents: number;
  monitoringPoints: number;
  checksum: string;
}

/** Resolves once the core is online and has applied everything the hub had when it subscribed. */
function caughtUp(core: DesktopCore, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const status = core.status();
      if (
        status.connection === 'online' &&
        status.hubHead !== null &&
        status.cursor >= status.hubHead &&
        !status.catchUp
      ) {
        stop();
        clearTimeout(timer);
        resolve();
      }
    };
    const stop = core.on('status', check);
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`not caught up after ${timeoutMs / 1000} s: ${JSON.stringify(core.status())}`));
    }, timeoutMs);
    check();
  });
}

export function syncReport(core: DesktopCore): SyncReport {
  const counts = core.cache.counts();
  return {
    cursor: core.cache.cursor,
    events: counts.events,
    incidents: counts.entities.incident ?? 0,
    monitoringPoints: counts.entities['monitoring-point'] ?? 0,
    checksum: core.cache.checksum(),
  };
}

export function registerSyncCommand(sync: Command): void {
  sync
    .requiredOption('--hub <url>', 'the hub, e.g. http://127.0.0.1:7300')
    .requiredOption('--user <name>', 'operator account')
    .option(...PASSWORD_FILE_OPTION)
    .requiredOption('--db <file>', 'the cache file')
    .option('--region <id>', 'the region', 'dali')
    .option('--once', 'stop once caught up with the hub')
    .option('--timeout <seconds>', 'give up after this long (with --once)', Number, 300)
    .option('--json', 'print {"cursor":N,"events":N,"incidents":N,"monitoringPoints":N,"checksum":"…"}')
    .action(
      async (options: {
        hub: string;
        user: string;
        passwordFile?: string;
        db: string;
        region: string;
        once?: boolean;
        timeout: number;
        json?: boolean;
      }) => {
        const password = passwordFrom(options.passwordFile);
        if (!password) throw new Error('give --password-file FILE or set PINGAN_PASSWORD');
        const core = new DesktopCore({
          cacheFile: options.db,
          regionId: options.region,
          hub: { url: options.hub, name: options.user, password },
        });
        core.start();
        if (!options.once) {
          core.on('status', (status) => {
            if (!options.json) console.log(`${status.connection} cursor ${status.cursor} lag ${status.lag}`);
          });
          const stop = () => {
            core.close();
            process.exit(0);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          return;
        }
        try {
          await caughtUp(core, options.timeout * 1000);
          const report = syncReport(core);
          console.log(
            options.json ? JSON.stringify(report) : `caught up: ${JSON.stringify(report, null, 2)}`,
          );
        } finally {
          core.close();
        }
      },
    );
}
