import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** The two Redis connections the Socket.IO adapter needs: one publishes, one listens. */
export interface RedisLink {
  pub: Redis;
  sub: Redis;
  /** Lets pending publishes finish, then closes both; a connection already gone is just dropped. */
  close(): Promise<void>;
}

/**
 * The adapter publishes without awaiting, so a publish that fails (Redis restarting, or the hub closing while
 * one is in flight) would be an unhandled rejection, which ends a Node process. A lost cross-hub message is
 * logged instead: the broadcaster's catch-up by `seq` delivers the events anyway.
 */
function publishingWithoutCrashing(client: Redis, logger: Logger): Redis {
  const publish = client.publish.bind(client) as (channel: string, message: string) => Promise<number>;
  client.publish = ((channel: string, message: string) => {
    const sent = publish(channel, message);
    sent.catch((error: unknown) =>
      logger.warn({ err: error }, 'a message to the other hubs was not published'),
    );
    return sent;
  }) as Redis['publish'];
  return client;
}

/** How long a closing hub lets Redis answer what is in flight before it drops the connection. */
const QUIT_GRACE_MS = 2_000;

async function closeGracefully(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise((resolve) => client.once('end', resolve));
  const dropLater = setTimeout(() => client.disconnect(), QUIT_GRACE_MS);
  // QUIT is answered after every command before it; a link that is down cannot send it, and is dropped.
  await client.quit().catch(() => client.disconnect());
  await ended;
  clearTimeout(dropLater);
}

export function connectRedis(url: string, logger: Logger): RedisLink {
  const pub = publishingWithoutCrashing(new Redis(url), logger);
  const sub = new Redis(url);
  for (const client of [pub, sub])
    client.on('error', (error: Error) => logger.warn({ err: error }, 'the Redis link between hubs failed'));
  return {
    pub,
    sub,
    async close() {
      await Promise.all([closeGracefully(pub), closeGracefully(sub)]);
    },
  };
}
