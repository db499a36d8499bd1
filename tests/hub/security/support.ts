import type { Hub } from '../../../src/hub/server';

export interface Answer {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown> & { error?: { code: string; message: string; words?: unknown[] } };
}

/** A request to the hub as a client sends it, with a bearer token when given. */
export async function call(
  hub: Hub,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  { body, token }: { body?: unknown; token?: string } = {},
): Promise<Answer> {
  const response = await fetch(`${hub.url}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Answer['body'],
  };
}

export const signIn = (hub: Hub, body: { name: string; password: string; totpCode?: string }) =>
  call(hub, 'POST', '/api/v1/auth/login', { body });

/** The hub's clock: real time, moved ahead by the test instead of waiting. */
export class TestClock {
  private offset = 0;
  readonly now = () => Date.now() + this.offset;
  advance(ms: number): void {
    this.offset += ms;
  }
}

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
