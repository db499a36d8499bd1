import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { can, isWithin, type MonitoringPoint, type Role, type VideoSource } from '../../domain';
import type { PlayProtocol, VideoRefusal, VideoSession } from '../../protocol/video';
import type { OperatorClaims } from '../auth/tokens';
import { auditActor } from '../commands';
import type { HubStore } from '../store';
import { GatewayError, type CameraSource, type MediaGateway, type PlayUrls } from './gateways/gateway';

export interface VideoLimits {
  /** Streams one operator may watch at once: a 16-way wall. */
  perOperator: number;
  /** Cameras this hub has its gateways pull at once. */
  perHub: number;
  /** How long a session lasts without a keep-alive, in ms. */
  sessionTtlMs: number;
}

export const DEFAULT_VIDEO_LIMITS: VideoLimits = { perOperator: 16, perHub: 64, sessionTtlMs: 60_000 };

/** A camera's credentials on the gateway that pulls it, from the deployment's configuration. */
export type CredentialsFor = (source: VideoSource) => { user: string; password: string } | undefined;

export class VideoRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: VideoRefusal,
    message: string,
    /** The cap reached, for the screen to say. */
    readonly limit?: number,
  ) {
    super(message);
    this.name = 'VideoRefused';
  }
}

/** One camera the hub has a gateway pulling, while anyone watches it. */
interface LiveCameraStream {
  cameraId: string;
  stream: string;
  gateway: MediaGateway;
  sessions: Set<string>;
  /** Settles once the gateway is pulling it: later viewers wait for the first one's request. */
  opened: Promise<PlayUrls>;
}

interface WatchSession {
  id: string;
  claims: OperatorClaims;
  camera: MonitoringPoint;
  stream: LiveCameraStream;
  protocol: PlayProtocol | undefined;
  openedAt: number;
  expiresAt: number;
}

function newStreamName(): string {
  return randomBytes(16).toString('base64url');
}

/** The source as the gateway takes it, with the camera's credentials where the deployment keeps some. */
function cameraSource(video: VideoSource, credentialsFor: CredentialsFor): CameraSource {
  if (video.kind === 'gb28181')
    return { kind: 'gb28181', deviceId: video.deviceId, channelId: video.channelId };
  const credentials = credentialsFor(video);
  if (!credentials) return { kind: 'rtsp', url: video.url };
  const url = new URL(video.url);
  url.username = encodeURIComponent(credentials.user);
  url.password = encodeURIComponent(credentials.password);
  return { kind: 'rtsp', url: url.href };
}

/** The URLs of the protocol asked for, or all the gateway serves. */
function urlsFor(urls: PlayUrls, protocol: PlayProtocol | undefined): PlayUrls {
  return protocol ? { [protocol]: urls[protocol] } : urls;
}

/**
 * Who watches which camera: opens a session for an operator's camera within their jurisdiction, has the
 * camera's gateway pull it (once, however many watch), renews the signed play URLs while the screen keeps
 * the session alive, and releases the stream when the last viewer closes or stops keeping alive. Every
 * session is audited from when to when; every refusal is audited too.
 */
export class VideoSessions {
  private readonly sessions = new Map<string, WatchSession>();
  private readonly streams = new Map<string, LiveCameraStream>();

  constructor(
    private readonly store: HubStore,
    private readonly gateways: ReadonlyMap<string, MediaGateway>,
    private readonly limits: VideoLimits,
    private readonly clock: () => number,
    private readonly logger: Logger,
    private readonly credentialsFor: CredentialsFor = () => undefined,
  ) {}

  async open(claims: OperatorClaims, cameraId: string, protocol?: PlayProtocol): Promise<VideoSession> {
    try {
      const camera = await this.watchableCamera(claims, cameraId);
      const gateway = this.gatewayFor(camera);
      if (protocol && !gateway.protocols.includes(protocol)) {
        throw new VideoRefused(409, 'no-video-source', `this camera's gateway does not serve ${protocol}`);
      }
      this.checkCaps(claims, cameraId);
      return await this.startSession(claims, camera, gateway, protocol);
    } catch (error) {
      if (error instanceof VideoRefused) await this.auditRefusal(claims, cameraId, error);
      throw error;
    }
  }

  async keepAlive(claims: OperatorClaims, sessionId: string): Promise<VideoSession> {
    const session = this.ownSession(claims, sessionId);
    session.expiresAt = this.clock() + this.limits.sessionTtlMs;
    const urls = await this.renewed(session.stream, session.expiresAt);
    return this.answer(session, urls);
  }

  async close(claims: OperatorClaims, sessionId: string): Promise<void> {
    await this.end(this.ownSession(claims, sessionId), 'closed');
  }

  /** Ends the sessions nobody has kept alive; returns how many. */
  async sweep(): Promise<number> {
    const now = this.clock();
    const expired = [...this.sessions.values()].filter((session) => session.expiresAt <= now);
    for (const session of expired) await this.end(session, 'expired');
    return expired.length;
  }

  /** Ends every session of an account whose tokens were revoked. */
  async endAccount(accountId: string): Promise<void> {
    const theirs = [...this.sessions.values()].filter((s) => s.claims.accountId === accountId);
    for (const session of theirs) await this.end(session, 'revoked');
  }

  /** Whether anyone is watching the stream: a gateway asking whether to close an unread one is told. */
  isWatched(stream: string): boolean {
    return [...this.streams.values()].some((live) => live.stream === stream);
  }

  async closeAll(): Promise<void> {
    for (const session of [...this.sessions.values()]) await this.end(session, 'hub-stopped');
  }

  private async watchableCamera(claims: OperatorClaims, cameraId: string): Promise<MonitoringPoint> {
    if (!can(claims.role as Role, 'watch-video')) {
      throw new VideoRefused(403, 'role-not-permitted', 'this role may not watch live video');
    }
    const record = await this.store.getEntity('monitoring-point', cameraId);
    const camera = record?.doc as MonitoringPoint | undefined;
    if (!camera || camera.kind !== 'camera') {
      throw new VideoRefused(404, 'unknown-camera', `no camera ${cameraId}`);
    }
    if (!isWithin(camera.jurisdictionCode, claims.jurisdiction)) {
      throw new VideoRefused(403, 'out-of-scope', "this camera lies outside the operator's jurisdiction");
    }
    if (!camera.video) throw new VideoRefused(409, 'no-video-source', 'this camera has no video source');
    if (camera.status !== 'online') {
      throw new VideoRefused(409, 'camera-offline', `this camera is ${camera.status}`);
    }
    return camera;
  }

  private gatewayFor(camera: MonitoringPoint): MediaGateway {
    const gateway = this.gateways.get(camera.video!.gatewayId);
    if (!gateway) {
      throw new VideoRefused(
        502,
        'gateway-unavailable',
        `gateway ${camera.video!.gatewayId} is not configured`,
      );
    }
    return gateway;
  }

  private checkCaps(claims: OperatorClaims, cameraId: string): void {
    const own = [...this.sessions.values()].filter((s) => s.claims.accountId === claims.accountId).length;
    if (own >= this.limits.perOperator) {
      throw new VideoRefused(
        429,
        'operator-stream-cap',
        `an operator may watch ${this.limits.perOperator} streams at once: close one first`,
        this.limits.perOperator,
      );
    }
    if (!this.streams.has(cameraId) && this.streams.size >= this.limits.perHub) {
      throw new VideoRefused(
        429,
        'hub-stream-cap',
        `this hub is already pulling ${this.limits.perHub} cameras, its most at once`,
        this.limits.perHub,
      );
    }
  }

  private async startSession(
    claims: OperatorClaims,
    camera: MonitoringPoint,
    gateway: MediaGateway,
    protocol: PlayProtocol | undefined,
  ): Promise<VideoSession> {
    const now = this.clock();
    const session: WatchSession = {
      id: randomBytes(16).toString('base64url'),
      claims,
      camera,
      stream: this.streamFor(camera, gateway, now + this.limits.sessionTtlMs),
      protocol,
      openedAt: now,
      expiresAt: now + this.limits.sessionTtlMs,
    };
    session.stream.sessions.add(session.id);
    this.sessions.set(session.id, session);
    try {
      await session.stream.opened;
      const urls = await this.renewed(session.stream, session.expiresAt);
      await this.audit(session, { action: 'video.session-opened', detail: { protocol: protocol ?? null } });
      return this.answer(session, urls);
    } catch (error) {
      await this.release(session);
      if (error instanceof GatewayError) {
        this.logger.warn({ gateway: error.gatewayId, reason: error.reason }, error.message);
        throw new VideoRefused(
          502,
          'gateway-unavailable',
          `the camera's gateway ${error.reason}: ${error.message}`,
        );
      }
      throw error;
    }
  }

  /** The camera's live stream, asking its gateway to pull it if nobody watches it yet. */
  private streamFor(camera: MonitoringPoint, gateway: MediaGateway, expiresAt: number): LiveCameraStream {
    const live = this.streams.get(camera.id);
    if (live) return live;
    const stream = newStreamName();
    const opened = gateway.open({
      stream,
      source: cameraSource(camera.video!, this.credentialsFor),
      title: camera.name,
      expiresAt,
    });
    // A failure is answered to the session that waits on it; this keeps it from counting as unhandled too.
    opened.catch(() => undefined);
    const created: LiveCameraStream = { cameraId: camera.id, stream, gateway, sessions: new Set(), opened };
    this.streams.set(camera.id, created);
    return created;
  }

  private async renewed(stream: LiveCameraStream, expiresAt: number): Promise<PlayUrls> {
    try {
      return await stream.gateway.renew(stream.stream, expiresAt);
    } catch (error) {
      if (!(error instanceof GatewayError)) throw error;
      throw new VideoRefused(
        502,
        'gateway-unavailable',
        `the camera's gateway ${error.reason}: ${error.message}`,
      );
    }
  }

  private ownSession(claims: OperatorClaims, sessionId: string): WatchSession {
    const session = this.sessions.get(sessionId);
    // Another operator's session is as unknown as one that never was: its id tells nothing.
    if (!session || session.claims.accountId !== claims.accountId) {
      throw new VideoRefused(404, 'unknown-session', 'no such video session: it ended or expired');
    }
    return session;
  }

  private async end(session: WatchSession, reason: 'closed' | 'expired' | 'revoked' | 'hub-stopped') {
    if (!this.sessions.has(session.id)) return;
    await this.release(session);
    await this.audit(session, {
      action: 'video.session-closed',
      detail: {
        from: new Date(session.openedAt).toISOString(),
        to: new Date(this.clock()).toISOString(),
        reason,
      },
    });
  }

  /** Forgets the session, and has the gateway stop pulling the camera once nobody else watches it. */
  private async release(session: WatchSession): Promise<void> {
    this.sessions.delete(session.id);
    const live = session.stream;
    live.sessions.delete(session.id);
    if (live.sessions.size > 0 || this.streams.get(live.cameraId) !== live) return;
    this.streams.delete(live.cameraId);
    await live.gateway.close(live.stream).catch((error: unknown) => {
      // The gateway closes unread streams itself (on_stream_none_reader, idle close): this is not fatal.
      this.logger.warn({ err: error, gateway: live.gateway.id }, 'a video stream could not be closed');
    });
  }

  private answer(session: WatchSession, urls: PlayUrls): VideoSession {
    return {
      sessionId: session.id,
      cameraId: session.camera.id,
      urls: urlsFor(urls, session.protocol),
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  }

  private async audit(
    session: WatchSession,
    { action, detail }: { action: 'video.session-opened' | 'video.session-closed'; detail: object },
  ) {
    await this.store.transaction((tx) =>
      tx.audit({
        at: new Date(this.clock()).toISOString(),
        actor: auditActor(session.claims),
        action,
        target: session.camera.id,
        outcome: 'accepted',
        scope: session.camera.jurisdictionCode,
        detail: { session: session.id, gateway: session.stream.gateway.id, ...detail },
      }),
    );
  }

  private async auditRefusal(claims: OperatorClaims, cameraId: string, refusal: VideoRefused) {
    await this.store.transaction((tx) =>
      tx.audit({
        at: new Date(this.clock()).toISOString(),
        actor: auditActor(claims),
        action: 'video.session-opened',
        target: cameraId,
        outcome: 'refused',
        scope: claims.jurisdiction,
        detail: { code: refusal.code },
      }),
    );
  }
}
