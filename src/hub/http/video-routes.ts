import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { can, type MonitoringPoint, type Role } from '../../domain';
import { videoSessionRequestSchema, type VideoCamerasAnswer, type VideoSession } from '../../protocol/video';
import { checkSession } from '../auth/session-check';
import type { OperatorClaims, TokenService } from '../auth/tokens';
import type { HubStore } from '../store';
import { mediamtxAuthorize } from '../video/gateways/mediamtx';
import { zlmOnPlay, zlmOnStreamNoneReader } from '../video/gateways/zlmediakit';
import type { PlayTokenSigner } from '../video/play-token';
import { VideoRefused, type VideoSessions } from '../video/sessions';
import { bearer } from './bearer';
import { sendError, sendRefusal, zodProblems } from './errors';

export interface VideoRoutesOptions {
  store: HubStore;
  tokens: TokenService;
  sessions: VideoSessions;
  signer: PlayTokenSigner;
  clock: () => number;
}

const sessionParamsSchema = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The cameras with video in a jurisdiction, as screens list them. */
function camerasWithVideo(points: readonly MonitoringPoint[]): VideoCamerasAnswer['cameras'] {
  return points
    .filter((point) => point.kind === 'camera' && point.video)
    .map((point) => ({
      id: point.id,
      name: point.name,
      class: point.cameraClass,
      status: point.status,
      position: point.location,
      jurisdictionCode: point.jurisdictionCode,
    }));
}

/**
 * Live video (视频联动): which cameras an operator may watch, and play sessions on them. Each route takes an
 * operator's full access token; the sessions service decides the rest (scope, caps, gateway) and audits it.
 */
export async function videoRoutes(app: FastifyInstance, options: VideoRoutesOptions) {
  const { store, tokens, sessions } = options;
  gatewayHooks(app, options);
  /** The operator's claims, or undefined once the request has been refused. */
  async function operator(request: FastifyRequest, reply: FastifyReply): Promise<OperatorClaims | undefined> {
    const session = await checkSession(store, tokens, bearer(request));
    if (!session.ok) return void (await sendRefusal(reply, session.refusal));
    return session.claims;
  }

  async function answer<T>(reply: FastifyReply, work: () => Promise<T>, status = 200) {
    try {
      const body = await work();
      return body === undefined ? reply.code(204).send() : reply.code(status).send(body);
    } catch (error) {
      if (!(error instanceof VideoRefused)) throw error;
      const words =
        error.limit === undefined ? undefined : [{ code: error.code, params: { limit: error.limit } }];
      return sendError(reply, error.status, error.code, error.message, undefined, words);
    }
  }

  function sessionId(request: FastifyRequest, reply: FastifyReply): string | undefined {
    const params = sessionParamsSchema.safeParse(request.params);
    if (params.success) return params.data.id;
    void sendError(reply, 404, 'unknown-session', 'no such video session: it ended or expired');
    return undefined;
  }

  app.get('/api/v1/video/cameras', async (request, reply) => {
    const claims = await operator(request, reply);
    if (!claims) return reply;
    if (!can(claims.role as Role, 'watch-video')) {
      return sendError(reply, 403, 'role-not-permitted', 'this role may not watch live video');
    }
    const points = await store.entitiesInScope(claims.jurisdiction, 'monitoring-point');
    const body: VideoCamerasAnswer = {
      cameras: camerasWithVideo(points.map((p) => p.doc as MonitoringPoint)),
    };
    return reply.send(body);
  });

  app.post('/api/v1/video/sessions', async (request, reply) => {
    const claims = await operator(request, reply);
    if (!claims) return reply;
    const body = videoSessionRequestSchema.safeParse(request.body);
    if (!body.success) {
      const problems = zodProblems(body.error);
      return sendError(
        reply,
        400,
        'invalid-body',
        `the request is malformed: ${problems.join('; ')}`,
        problems,
      );
    }
    return answer<VideoSession>(
      reply,
      () => sessions.open(claims, body.data.cameraId, body.data.protocol),
      201,
    );
  });

  app.post('/api/v1/video/sessions/:id/keep-alive', async (request, reply) => {
    const claims = await operator(request, reply);
    const id = claims && sessionId(request, reply);
    if (!claims || !id) return reply;
    return answer<VideoSession>(reply, () => sessions.keepAlive(claims, id));
  });

  app.delete('/api/v1/video/sessions/:id', async (request, reply) => {
    const claims = await operator(request, reply);
    const id = claims && sessionId(request, reply);
    if (!claims || !id) return reply;
    return answer(reply, () => sessions.close(claims, id));
  });
}

/**
 * What the gateways ask the hub: ZLMediaKit whether a player may read a stream (`on_play`, by the play
 * URL's token) and whether to close a stream nobody reads (`on_stream_none_reader`: only once no session
 * watches it); MediaMTX whether a request may read a path (`authMethod: http`). They carry no operator's
 * token: the play token is the proof, and the answers reveal nothing.
 */
function gatewayHooks(app: FastifyInstance, { sessions, signer, clock }: VideoRoutesOptions) {
  app.post('/api/v1/video/hooks/zlmediakit/on_play', async (request, reply) =>
    reply.send(zlmOnPlay(request.body, signer, clock())),
  );
  app.post('/api/v1/video/hooks/zlmediakit/on_stream_none_reader', async (request, reply) =>
    reply.send(zlmOnStreamNoneReader(request.body, (stream) => sessions.isWatched(stream))),
  );
  app.post('/api/v1/video/hooks/mediamtx/auth', async (request, reply) =>
    mediamtxAuthorize(request.body, signer, clock())
      ? reply.code(200).send({})
      : sendError(reply, 401, 'play-refused', 'no valid play token for this path'),
  );
}
