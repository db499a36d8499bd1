import type { PlayProtocol } from '../../../protocol/video';

/**
 * A media gateway: the server that pulls a camera on demand (GB/T 28181 or RTSP) and serves it to browsers
 * as HTTP-FLV, HLS or WebRTC. The hub never carries video; it asks a gateway for a stream and hands the
 * screen a short-lived play URL. Each product (ZLMediaKit, MediaMTX, the demo's media server) has an
 * adapter behind this one interface; which gateway serves a camera is part of the camera's video source.
 */

/** The formats a browser plays: HTTP-FLV through mpegts.js, HLS through hls.js, WebRTC (WHEP). */
export { PLAY_PROTOCOLS, type PlayProtocol } from '../../../protocol/video';

/** Where a camera's picture comes from, as the gateway needs it (credentials included, never sent on). */
export type CameraSource =
  { kind: 'gb28181'; deviceId: string; channelId: string } | { kind: 'rtsp'; url: string };

export interface StreamRequest {
  /**
   * The gateway's name for the stream: chosen by the hub, unguessable, one per camera while anyone watches
   * it (`[A-Za-z0-9_-]{8,64}`).
   */
  stream: string;
  source: CameraSource;
  /** Shown in the demo's synthetic picture; real gateways ignore it. */
  title: string;
  /** The play URLs expire at this time (ms since the epoch); the gateway checks the signature. */
  expiresAt: number;
}

/** The URLs a screen plays a stream by; the formats the gateway does not serve are absent. */
export type PlayUrls = Partial<Record<PlayProtocol, string>>;

export interface LiveStream {
  stream: string;
  /** Players reading it now, where the gateway tells; null where it does not. */
  readers: number | null;
}

/** A refusal a gateway gave, or its being unreachable: the hub answers 502 with the reason. */
export class GatewayError extends Error {
  constructor(
    readonly gatewayId: string,
    readonly reason: 'unreachable' | 'refused' | 'bad-answer',
    message: string,
  ) {
    super(message);
    this.name = 'GatewayError';
  }
}

export interface MediaGateway {
  readonly id: string;
  /** The formats this gateway serves. */
  readonly protocols: readonly PlayProtocol[];
  /**
   * Makes sure the gateway is pulling the camera into `request.stream` and returns the play URLs, signed to
   * expire at `request.expiresAt`. Opening a stream that is already live only signs new URLs.
   */
  open(request: StreamRequest): Promise<PlayUrls>;
  /** New URLs for a stream still being watched, valid to `expiresAt`. */
  renew(stream: string, expiresAt: number): Promise<PlayUrls>;
  /** Stops pulling the stream. Closing one that is gone is not an error. */
  close(stream: string): Promise<void>;
  /** The streams the gateway is serving now. */
  list(): Promise<LiveStream[]>;
}
