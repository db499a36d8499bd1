import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, can } from '../../../src/domain';
import { PROTOCOL_VERSION } from '../../../src/protocol';
import { createSqliteDatabase } from '../support/databases';
import { PREFECTURE, addOperator, login, startTestHub, type Harness } from '../support/hub-harness';

/** What the hub answers a role's connection to the live stream: connected, or refused with its code. */
async function connectAs(harness: Harness, role: string): Promise<string> {
  const account = await addOperator(harness.hub, role, PREFECTURE);
  const token = await login(harness.hub, account.name, account.password);
  const socket = connect(harness.hub.url, {
    auth: { token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
  });
  try {
    return await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
        resolve(error.data?.code ?? error.message),
      );
    });
  } finally {
    socket.close();
  }
}

describe('the live stream by role (三员分立)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startTestHub(createSqliteDatabase());
  });
  afterAll(() => harness?.close());

  it.each(ROLES.map((role) => [role, can(role, 'read') ? 'connected' : 'role-not-permitted']))(
    'answers a %s: %s',
    async (role, expected) => {
      expect(await connectAs(harness, role)).toBe(expected);
    },
  );
});
