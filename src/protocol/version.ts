import { z } from 'zod';

/**
 * The version of the hub ↔ desktop wire: the Socket.IO events and their payloads. Any change a peer of the
 * previous version could misread (a new event type, a field that changes meaning) raises it; a hub and a
 * desktop of different versions refuse each other with `protocol-mismatch` instead of misbehaving.
 */
export const PROTOCOL_VERSION = 1;

/** What a client presents when it connects: its access token and the protocol version it speaks. */
export const handshakeAuthSchema = z.object({ token: z.string().min(1), protocol: z.number().int() });
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** Why the hub refused a connection, carried in the `connect_error`'s `data`. */
export const CONNECT_REFUSALS = ['protocol-mismatch', 'unauthorized', 'role-not-permitted'] as const;
export const connectRefusalSchema = z.object({
  code: z.enum(CONNECT_REFUSALS),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type ConnectRefusal = z.infer<typeof connectRefusalSchema>;

/** The refusal a hub speaking `hub` gives a client that presented `client` (absent from an older client). */
export function protocolMismatch(client: unknown, hub: number = PROTOCOL_VERSION): ConnectRefusal {
  const said = typeof client === 'number' || typeof client === 'string' ? client : 'none';
  return { code: 'protocol-mismatch', params: { client: said, hub } };
}

/** The one line a person or a log reads about a version mismatch. */
export function describeProtocolMismatch(desktop: string | number, hub: string | number): string {
  return `protocol-mismatch: this desktop speaks hub protocol ${desktop} and the hub ${hub}; update the older one`;
}
