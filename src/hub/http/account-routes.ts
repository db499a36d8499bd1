import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Permission } from '../../domain';
import {
  newAccountBodySchema,
  roleChangeBodySchema,
  securityPolicyBodySchema,
  type AccountAnswer,
  type OneTimePasswordAnswer,
  type SecurityPolicyAnswer,
} from '../../protocol';
import { permits, type AccountAdmin, type AdminResult } from '../account-admin';
import { readSecurityPolicy } from '../auth/security-policy';
import { checkSession } from '../auth/session-check';
import type { TokenService } from '../auth/tokens';
import type { AccountRecord, HubStore } from '../store';
import { bearer } from './bearer';
import { sendError, sendRefusal, zodProblems } from './errors';

export interface AccountRoutesOptions {
  store: HubStore;
  tokens: TokenService;
  admin: AccountAdmin;
}

const nameParamsSchema = z.object({ name: z.string().min(1).max(100) });

/**
 * The separated administrators' duties over HTTP (三员分立): the system administrator creates, disables and
 * resets accounts; the security administrator sets roles, unlocks accounts and keeps the security policy.
 * Each route asks for its permission, with a full (not a limited) token of the account as it is now.
 */
export async function accountRoutes(app: FastifyInstance, { store, tokens, admin }: AccountRoutesOptions) {
  /** The acting account, or undefined once the request has been refused. */
  async function actorWith(
    permission: Permission | readonly [Permission, ...Permission[]],
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<AccountRecord | undefined> {
    const session = await checkSession(store, tokens, bearer(request));
    if (!session.ok) return void (await sendRefusal(reply, session.refusal));
    // Any one of several permissions will do; a refusal names the first.
    const [first, ...others] = typeof permission === 'string' ? [permission] : permission;
    const allowed = permits(session.account, first);
    if (allowed.ok || others.some((other) => permits(session.account, other).ok)) return session.account;
    await recordOverreach(session.account, first, request);
    return void (await sendRefusal(reply, allowed.refusal));
  }

  /** An administrator's attempt beyond their duties is itself a security event: it goes in the trail. */
  async function recordOverreach(actor: AccountRecord, permission: Permission, request: FastifyRequest) {
    await store.transaction((tx) =>
      tx.audit({
        at: new Date().toISOString(),
        actor: actor.name,
        action: 'account.refused',
        target: (request.params as { name?: string }).name ?? null,
        outcome: 'refused',
        detail: {
          reason: 'role-not-permitted',
          permission,
          route: request.routeOptions.url,
          role: actor.role,
        },
        scope: actor.jurisdiction,
      }),
    );
  }

  /** The account named in the path, or undefined once refused. */
  function nameOf(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const params = nameParamsSchema.safeParse(request.params);
    if (params.success) return params.data.name;
    void sendError(reply, 400, 'invalid-params', 'name the account', zodProblems(params.error));
    return undefined;
  }

  const answer = <T>(reply: FastifyReply, result: AdminResult<T>, status = 200) =>
    result.ok ? reply.code(status).send(result.value) : sendRefusal(reply, result.refusal);

  // Both administrators of accounts see them: the system administrator to manage them, the security
  // administrator to set their roles and unlock them.
  app.get('/api/v1/accounts', async (request, reply) => {
    const actor = await actorWith(['manage-accounts', 'manage-roles', 'unlock-accounts'], request, reply);
    if (!actor) return reply;
    return { accounts: await admin.list(actor) };
  });

  app.post('/api/v1/accounts', async (request, reply) => {
    const actor = await actorWith('manage-accounts', request, reply);
    if (!actor) return reply;
    const body = newAccountBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(reply, 400, 'invalid-body', 'name, role and jurisdiction', zodProblems(body.error));
    const result: AdminResult<OneTimePasswordAnswer> = await admin.create(actor, body.data);
    return answer(reply, result, 201);
  });

  app.post('/api/v1/accounts/:name/disable', async (request, reply) => {
    const actor = await actorWith('manage-accounts', request, reply);
    const name = actor && nameOf(request, reply);
    if (!actor || !name) return reply;
    const result = await admin.disable(actor, name);
    return answer<AccountAnswer>(reply, result.ok ? { ok: true, value: { account: result.value } } : result);
  });

  app.post('/api/v1/accounts/:name/password-reset', async (request, reply) => {
    const actor = await actorWith('manage-accounts', request, reply);
    const name = actor && nameOf(request, reply);
    if (!actor || !name) return reply;
    const result: AdminResult<OneTimePasswordAnswer> = await admin.resetPassword(actor, name);
    return answer(reply, result);
  });

  app.put('/api/v1/accounts/:name/role', async (request, reply) => {
    const actor = await actorWith('manage-roles', request, reply);
    const name = actor && nameOf(request, reply);
    if (!actor || !name) return reply;
    const body = roleChangeBodySchema.safeParse(request.body);
    if (!body.success) return sendError(reply, 400, 'invalid-body', 'role: a role', zodProblems(body.error));
    const result = await admin.setRole(actor, name, body.data.role);
    return answer<AccountAnswer>(reply, result.ok ? { ok: true, value: { account: result.value } } : result);
  });

  app.post('/api/v1/accounts/:name/unlock', async (request, reply) => {
    const actor = await actorWith('unlock-accounts', request, reply);
    const name = actor && nameOf(request, reply);
    if (!actor || !name) return reply;
    const result = await admin.unlock(actor, name);
    return answer<AccountAnswer>(reply, result.ok ? { ok: true, value: { account: result.value } } : result);
  });

  app.get('/api/v1/security-policy', async (request, reply) => {
    const actor = await actorWith('configure-security', request, reply);
    if (!actor) return reply;
    const policy: SecurityPolicyAnswer = { policy: await readSecurityPolicy(store) };
    return policy;
  });

  app.put('/api/v1/security-policy', async (request, reply) => {
    const actor = await actorWith('configure-security', request, reply);
    if (!actor) return reply;
    const body = securityPolicyBodySchema.safeParse(request.body);
    if (!body.success)
      return sendError(reply, 400, 'invalid-body', 'the whole security policy', zodProblems(body.error));
    await admin.setPolicy(actor, body.data);
    const policy: SecurityPolicyAnswer = { policy: body.data };
    return policy;
  });
}
