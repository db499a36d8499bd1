import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

export const DEFAULT_CREDENTIALS_FILE = './data/simulator-credentials.json';

/** What `pingan hub` writes on its first run: an ingest key for the region and a commander account. */
export const simulatorCredentialsSchema = z.object({
  hubUrl: z.url().optional(),
  apiKey: z.string().min(1),
  operator: z.object({ name: z.string().min(1), password: z.string().min(1) }),
});
export type SimulatorCredentials = z.infer<typeof simulatorCredentialsSchema>;

export class CredentialsError extends Error {}

export function readSimulatorCredentials(file = DEFAULT_CREDENTIALS_FILE): SimulatorCredentials {
  const path = resolve(file);
  if (!existsSync(path)) {
    throw new CredentialsError(
      `no simulator credentials at ${path}: start the hub once (pingan hub) to create them, or pass --credentials FILE`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CredentialsError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = simulatorCredentialsSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`,
    );
    throw new CredentialsError(
      `${path} is not a simulator credentials file ({ "apiKey", "operator": { "name", "password" } }): ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
