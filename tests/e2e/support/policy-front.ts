import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import type { AuditPage } from '../../../src/protocol';

export interface PolicyFrontOptions {
  /** The idle timeout the sign-in answers carry, as a hub with that security policy would give it. */
  idleTimeoutMinutes: number;
  /** Pages of the audit trail to serve in the protocol's shape, by the `before` asked for ('' for the first). */
  auditPages?: Record<string, AuditPage>;
  auditCsv?: string;
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A front for a real hub, on its own port: everything passes through to the hub (Socket.IO's upgrade too),
 * except that sign-in answers carry the idle timeout given here, and the audit API answers fixed pages. It
 * stands for the hub's security policy and audit routes where this hub does not have them yet.
 */
export async function startPolicyFront(hubUrl: string, options: PolicyFrontOptions) {
  const hub = new URL(hubUrl);
  const hubPort = Number(hub.port);

  const passThrough = (
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer,
    rewrite?: (text: string) => string,
  ) => {
    const upstream = httpRequest(
      { host: hub.hostname, port: hubPort, method: req.method, path: req.url, headers: req.headers },
      async (answer) => {
        const answered = await readBody(answer);
        const text = rewrite && answer.statusCode === 200 ? rewrite(answered.toString('utf8')) : null;
        const headers = { ...answer.headers };
        if (text !== null) headers['content-length'] = String(Buffer.byteLength(text));
        res.writeHead(answer.statusCode ?? 502, headers);
        res.end(text ?? answered);
      },
    );
    upstream.on('error', () => res.destroy());
    upstream.end(body);
  };

  const serveAudit = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://front');
    if (url.pathname === '/api/v1/audit/export') {
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
      return res.end(options.auditCsv ?? '');
    }
    const page = options.auditPages?.[url.searchParams.get('before') ?? ''] ?? { records: [], next: null };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(page));
  };

  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      if (req.url?.startsWith('/api/v1/audit') && options.auditPages) return serveAudit(req, res);
      if (req.method === 'POST' && req.url === '/api/v1/auth/login') {
        return passThrough(req, res, body, (text) =>
          JSON.stringify({ ...(JSON.parse(text) as object), idleTimeoutMinutes: options.idleTimeoutMinutes }),
        );
      }
      passThrough(req, res, body);
    });
  });
  const upgraded = new Set<{ destroy(): void }>();
  // Socket.IO's WebSocket: the upgrade request and everything after it go to the hub as they are.
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    const upstream = connect(hubPort, hub.hostname, () => {
      const headers = Object.entries(req.headers).map(([name, value]) => `${name}: ${String(value)}`);
      upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      socket.pipe(upstream).pipe(socket);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
