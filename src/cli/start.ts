import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { pino } from 'pino';
import { z } from 'zod';
import { addChinaDays, chinaDayOf, chinaDayStart } from '../domain';
import { bootstrapAccounts } from '../hub/bootstrap';
import { seedHub } from './seed-demo';
import { recordEvents } from '../hub/projector';
import { startHub, type Hub } from '../hub/server';
import { LocalMediaGateway } from '../hub/video/gateways/local';
import { startDemoMediaServer, type DemoMediaServer } from '../sim/media/demo-media-server';
import { freePort } from '../sim/media/free-port';
import { checkFfmpeg } from '../sim/media/synthetic-camera';
import { DEMO_GATEWAY_ID } from '../sim/seed/monitoring-points';
import { DEMO_SPEED } from '../sim/clock';
import { pastDays } from '../sim/history';
import { startSimulator } from '../sim/simulator';
import { runDesktop, stopOnSignals } from './desktop';
import { progressReporter } from './progress';

const demoCredentialsSchema = z.object({
  duty: z.object({ name: z.string(), password: z.string() }),
  simulator: z.object({ apiKey: z.string(), operator: z.object({ name: z.string(), password: z.string() }) }),
});
type DemoCredentials = z.infer<typeof demoCredentialsSchema>;

/** The demo keeps its own accounts beside its database, readable by this user only. */
function demoCredentials(dir: string): { file: string; saved: DemoCredentials | undefined } {
  const file = join(dir, 'demo-credentials.json');
  return {
    file,
    saved: existsSync(file) ? demoCredentialsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))) : undefined,
  };
}

/** Days of history a fresh demo starts with: a week, so the briefing has its baseline and the handover a past. */
const PAST_DAYS = 7;
const HISTORY_BATCH = 2000;

/** Plays the past days offline and writes them into the fresh hub's log with the times they carry. */
async function recordPast(
  hub: Hub,
  options: { region: string; seed: number; pastDays: number },
  operatorName: string,
  reportProgress: ReturnType<typeof progressReporter>,
): Promise<number> {
  const account = await hub.store.accountByName(operatorName);
  if (!account) throw new Error(`the demo's simulator account ${operatorName} is missing`);
  const drafts = pastDays({
    regionId: options.region,
    // Apart from the live run's seed, so the past never repeats what the simulator is about to do.
    seed: options.seed + 1_000,
    days: options.pastDays,
    until: Date.now(),
    actor: { id: account.id, name: account.name, role: 'commander', jurisdictionCode: hub.region.rootCode },
  });
  for (let done = 0; done < drafts.length; done += HISTORY_BATCH) {
    const batch = drafts.slice(done, done + HISTORY_BATCH);
    await hub.store.transaction((tx) => recordEvents(tx, batch));
    reportProgress(done + batch.length, drafts.length, 'recording the past days');
  }
  return drafts.length;
}

/** The demo signs in as its duty commander; an administrator's account is one command away, never a printed password. */
function adminAccountHint(hubDb: string, rootCode: string): string {
  return [
    'For an administrator account (accounts, SLA tables, subsidy rates), in another terminal:',
    `  npx pingan hub user add --db sqlite:${resolve(hubDb)} --role sysadmin --jurisdiction ${rootCode} --name YOUR-NAME`,
  ].join('\n');
}

/**
 * The demo's cameras with video are synthetic: its own media server makes their pictures with ffmpeg, a few
 * at a time, only while watched. Without ffmpeg the demo runs on, and those cameras say the gateway is down.
 */
async function startDemoVideo(dataDir: string) {
  try {
    await checkFfmpeg();
  } catch {
    console.log('ffmpeg is not installed: the demo runs without live video.');
    return undefined;
  }
  const secret = demoMediaSecret(dataDir);
  let server: DemoMediaServer;
  try {
    server = await startDemoMediaServer({
      rtmpPort: await freePort(),
      httpPort: await freePort(),
      controlPort: 0,
      secret,
    });
  } catch (error) {
    console.log(`The demo's media server could not start (${(error as Error).message}): no live video.`);
    return undefined;
  }
  const hubVideo = {
    gateways: () => [
      new LocalMediaGateway({
        id: DEMO_GATEWAY_ID,
        controlUrl: server.controlUrl,
        playBaseUrl: server.playBaseUrl,
        secret,
      }),
    ],
  };
  console.log(`Media server for the demo's cameras on ${server.playBaseUrl}`);
  return { server, hubVideo };
}

/** The demo media server's secret, made once and kept beside the demo's data, readable by its owner only. */
function demoMediaSecret(dataDir: string): string {
  const file = join(dataDir, 'media-secret');
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

export function registerStartCommand(start: Command): void {
  start
    .option('--region <id>', 'region to run', 'dali')
    .option('--data <dir>', 'where the demo keeps its hub and cache', './data/demo')
    .option('--hub-port <port>', 'port of the embedded hub', Number, 7300)
    .option('--speed <factor>', 'simulated seconds per real second (1: real time)', Number, DEMO_SPEED)
    .option('--seed <n>', 'simulator seed', Number, 1)
    .option('--scenario <name>', 'normal or earthquake', 'normal')
    .option('--past-days <n>', 'days of history a fresh demo records first', Number, PAST_DAYS)
    .option('--no-open', 'open no window; print one line, "Open: URL"')
    .option('--port <port>', 'port for the browser shell (default: any free port)', Number)
    .option('--keys <dir>', 'the hub audit and personal-data keys (default: beside the hub database)')
    .action(
      async (options: {
        region: string;
        data: string;
        hubPort: number;
        speed: number;
        seed: number;
        scenario: 'normal' | 'earthquake';
        pastDays: number;
        open: boolean;
        port?: number;
        keys?: string;
      }) => {
        mkdirSync(options.data, { recursive: true });
        const media = await startDemoVideo(options.data);
        const hub = await startHub({
          db: `sqlite:${join(options.data, 'hub.db')}`,
          region: options.region,
          port: options.hubPort,
          logger: pino({ level: 'warn' }),
          ...(options.keys ? { keysDir: options.keys } : {}),
          ...(media ? { video: media.hubVideo } : {}),
        });
        console.log(`Hub for ${hub.region.describe(hub.region.rootCode)} on ${hub.url}`);

        const { file, saved } = demoCredentials(options.data);
        let credentials = saved;
        const created = await bootstrapAccounts(hub.store, hub.region);
        if (created) {
          credentials = { duty: created.demoOperator, simulator: created.simulator };
          writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
          chmodSync(file, 0o600);
        }
        if (!credentials)
          throw new Error(`${file} is missing: delete ${options.data} to start the demo afresh`);

        const reportProgress = progressReporter();
        // The inventory was in place before the recorded past began, and the log begins with it.
        const now = Date.now();
        const seeded = await seedHub(hub.store, options.region, {
          at: options.pastDays > 0 ? chinaDayStart(addChinaDays(chinaDayOf(now), -options.pastDays)) : now,
          onProgress: (done, total) =>
            reportProgress(done, total, 'seeding the region: units, cameras, forces'),
        });
        if (seeded.seeded) {
          console.log(
            `Seeded ${seeded.units} member units, ${seeded.points} monitoring points, ${seeded.forces} forces`,
          );
          if (options.pastDays > 0) {
            const operatorName = credentials.simulator.operator.name;
            const recorded = await recordPast(hub, options, operatorName, reportProgress);
            console.log(`Recorded the past ${options.pastDays} days: ${recorded} events`);
          }
        }

        const simulator = startSimulator({
          hubUrl: hub.url,
          regionId: options.region,
          seed: options.seed,
          speed: options.speed,
          scenario: options.scenario,
          apiKey: credentials.simulator.apiKey,
          operator: credentials.simulator.operator,
          log: () => undefined,
        });
        await simulator.ready;
        console.log(`Simulator running at ${options.speed}× (${options.scenario})`);

        const desktop = await runDesktop(
          {
            region: options.region,
            cache: join(options.data, 'desktop-cache.db'),
            hub: hub.url,
            user: credentials.duty.name,
            password: credentials.duty.password,
            open: options.open,
            ...(options.port ? { port: options.port } : {}),
            ...(media ? { mediaOrigins: [media.server.playBaseUrl] } : {}),
          },
          (line) => console.log(line),
        );
        console.log(`Signed in as ${credentials.duty.name}. Ctrl+C stops everything.`);
        console.log(adminAccountHint(join(options.data, 'hub.db'), hub.region.rootCode));
        stopOnSignals(async () => {
          await desktop.stop();
          await simulator.stop();
          await hub.close();
          await media?.server.close();
        });
      },
    );
}
