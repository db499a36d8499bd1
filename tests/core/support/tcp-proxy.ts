import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A TCP proxy on 127.0.0.1 that a test can cut: every open connection through it drops at once. */
export async function startTcpProxy(targetPort: number, { dropSignIns = 0 } = {}) {
  const open = new Set<Socket>();
  let cuts = 0;
  let signInsDropped = 0;
  const server = createServer((client) => {
    // `dropSignIns` connections that open with a sign-in request are closed unanswered, as a network that
    // fails at that moment would; everything else passes.
    client.once('data', (first: Buffer) => {
      if (signInsDropped < dropSignIns && first.toString('latin1').startsWith('POST /api/v1/auth/login ')) {
        signInsDropped += 1;
        client.destroy();
        return;
      }
      const upstream = connect(targetPort, '127.0.0.1');
      upstream.write(first);
      for (const socket of [client, upstream]) {
        open.add(socket);
        socket.on('close', () => open.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    client.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get cuts() {
      return cuts;
    },
    get signInsDropped() {
      return signInsDropped;
    },
    cut() {
      cuts += 1;
      for (const socket of open) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
