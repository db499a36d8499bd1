import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CREDENTIALS_FILE, readSimulatorCredentials } from '../sim/credentials';
import type { Scenario } from '../sim/plan';
import { startSimulator } from '../sim/simulator';

const DEFAULT_HUB_URL = 'http://127.0.0.1:7300';
const SCENARIOS: readonly Scenario[] = ['normal', 'earthquake'];

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

function scenario(value: string): Scenario {
  if (!(SCENARIOS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${SCENARIOS.join(', ')}`);
  }
  return value as Scenario;
}

interface SimulateOptions {
  hub?: string;
  region: string;
  seed: number;
  speed: number;
  scenario: Scenario;
  credentials: string;
  duration?: number;
}

/** Resolves on Ctrl-C (or SIGTERM), or once `simSeconds` reaches `limit`. */
function untilStopped(simSeconds: () => number, limit: number | undefined): Promise<string> {
  return new Promise((resolve) => {
    const done = (why: string) => {
      clearInterval(poll);
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      resolve(why);
    };
    const interrupted = () => done('stopping');
    const poll = setInterval(() => {
      if (limit !== undefined && simSeconds() >= limit) done('the simulated duration is over');
    }, 250);
    process.on('SIGINT', interrupted);
    process.on('SIGTERM', interrupted);
  });
}

export function registerSimulateCommand(simulate: Command): void {
  simulate
    .option('--hub <url>', `the hub's address (default: the credentials file's, else ${DEFAULT_HUB_URL})`)
    .option('--region <id>', 'the region the hub serves', 'dali')
    .option('--seed <n>', 'the same seed plays the same day', integer, 1)
    .option('--speed <n>', 'simulated seconds per real second', positiveNumber, 60)
    .option(
      '--scenario <name>',
      `${SCENARIOS.join(' or ')} (the 2021 Yangbi M6.4 earthquake, in dali)`,
      scenario,
      'normal',
    )
    .option('--credentials <file>', "the simulator's API key and commander account", DEFAULT_CREDENTIALS_FILE)
    .option(
      '--duration <minutes>',
      'stop after this many simulated minutes (default: run until Ctrl-C)',
      positiveNumber,
    )
    .action(async (options: SimulateOptions) => {
      const credentials = readSimulatorCredentials(options.credentials);
      const simulator = startSimulator({
        hubUrl: options.hub ?? credentials.hubUrl ?? DEFAULT_HUB_URL,
        regionId: options.region,
        seed: options.seed,
        speed: options.speed,
        scenario: options.scenario,
        apiKey: credentials.apiKey,
        operator: credentials.operator,
      });
      try {
        await simulator.ready;
      } catch (error) {
        await simulator.stop();
        throw error;
      }
      const limit = options.duration === undefined ? undefined : options.duration * 60;
      console.log(await untilStopped(() => simulator.stats().simSeconds, limit));
      await simulator.stop();
    });
}
