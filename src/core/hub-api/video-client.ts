import { wording, WordedError, type Wording } from '../../domain/wording';
import { apiErrorBodySchema } from '../../protocol';
import { VIDEO_REFUSALS, videoSessionSchema, type VideoSession } from '../../protocol/video';
import type { VideoSessionView } from '../contract/video';
import type { HubAccess } from './audit-client';

// The contract declares the session again (it stays free of the wire): each must take what the other gives.
type Agrees<T extends true> = T;
export type SessionsAgree = Agrees<VideoSession extends VideoSessionView ? true : false>;

/** A refusal of the hub's video API, in words the screen has: the hub's reason, worded by the renderer. */
function refusalWording(code: string, limit: number | undefined, message: string): Wording {
  if (code === 'role-not-permitted') return wording('roleMayNotSee', { permission: 'watch-video' }, message);
  if (!(VIDEO_REFUSALS as readonly string[]).includes(code)) return wording('hubUnavailable', {}, message);
  return wording('videoRefused', { videoRefusal: code, ...(limit === undefined ? {} : { limit }) }, message);
}

/**
 * The hub's video API (`/api/v1/video/sessions`), asked with the session's token. The desktop keeps no video
 * and no play URL beyond the session that asked for it.
 */
export class VideoClient {
  constructor(private readonly hub: HubAccess) {}

  open(cameraId: string): Promise<VideoSession> {
    return this.session('POST', '/api/v1/video/sessions', { cameraId });
  }

  keepAlive(sessionId: string): Promise<VideoSession> {
    return this.session('POST', `/api/v1/video/sessions/${encodeURIComponent(sessionId)}/keep-alive`, {});
  }

  async close(sessionId: string): Promise<void> {
    const response = await this.request('DELETE', `/api/v1/video/sessions/${encodeURIComponent(sessionId)}`);
    if (!response.ok) await this.refused(response);
    await response.body?.cancel();
  }

  private async session(method: string, path: string, body: object): Promise<VideoSession> {
    const response = await this.request(method, path, body);
    if (!response.ok) await this.refused(response);
    const session = videoSessionSchema.safeParse(await response.json().catch(() => null));
    if (!session.success) {
      throw new WordedError(
        wording('hubUnavailable', {}, `the hub's video session is malformed: ${session.error.message}`),
      );
    }
    return session.data;
  }

  private async request(method: string, path: string, body?: object): Promise<Response> {
    try {
      return await fetch(new URL(path, this.hub.hubUrl), {
        method,
        headers: {
          authorization: `Bearer ${await this.hub.accessToken()}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new WordedError(wording('hubUnreachable', {}, `the video API could not be reached: ${reason}`));
    }
  }

  private async refused(response: Response): Promise<never> {
    const body = apiErrorBodySchema.safeParse(await response.json().catch(() => null));
    if (!body.success) {
      throw new WordedError(
        wording('hubUnavailable', {}, `the hub answered the video API with ${response.status}`),
      );
    }
    const { code, message, words } = body.data.error;
    const limit = words?.[0]?.params.limit;
    throw new WordedError(refusalWording(code, typeof limit === 'number' ? limit : undefined, message));
  }
}
