import { createServer } from 'node:net';

/**
 * A port free on 127.0.0.1 now, for a server that cannot be told to pick one itself (node-media-server reads
 * port 0 as "off"). Another process could take it before the server listens: the demo then fails to start
 * its media server and says so, and runs on without video.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
