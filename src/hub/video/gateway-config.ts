import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { gatewayIdSchema, type VideoSource } from '../../domain';
import type { MediaGateway } from './gateways/gateway';
import { LocalMediaGateway } from './gateways/local';
import { MediaMtxGateway } from './gateways/mediamtx';
import { ZlmGateway } from './gateways/zlmediakit';
import type { PlayTokenSigner } from './play-token';
import type { CredentialsFor, VideoLimits } from './sessions';

/**
 * A deployment's media gateways, from a JSON file the hub is started with (`pingan hub --video-gateways
 * FILE`): which gateways there are, how the hub reaches each and where players reach it, the caps on
 * concurrent streams, and the cameras' credentials per gateway. The file holds secrets: it is read by the
 * hub only, never sent on, and refused when others than its owner may read it.
 */

const httpUrl = z
  .string()
  .url()
  .regex(/^https?:\/\//, 'an http:// or https:// address');
const secret = z.string().min(8);

const gatewaySchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('zlmediakit'),
      id: gatewayIdSchema,
      apiUrl: httpUrl,
      secret,
      playBaseUrl: httpUrl,
      app: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,32}$/)
        .optional(),
      vhost: z.string().min(1).max(100).optional(),
      /** WVP-GB28181 in front of ZLMediaKit: it invites GB/T 28181 cameras. */
      wvp: z.object({ apiUrl: httpUrl, accessToken: secret }).strict().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('mediamtx'),
      id: gatewayIdSchema,
      apiUrl: httpUrl,
      playBaseUrls: z.object({ hls: httpUrl.optional(), webrtc: httpUrl.optional() }).strict(),
      apiUser: z.string().min(1).optional(),
      apiPass: secret.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('demo'),
      id: gatewayIdSchema,
      controlUrl: httpUrl,
      playBaseUrl: httpUrl,
      secret,
    })
    .strict(),
]);

export const videoConfigSchema = z
  .object({
    gateways: z.array(gatewaySchema).min(1).max(100),
    limits: z
      .object({
        perOperator: z.number().int().min(1).max(64).optional(),
        perHub: z.number().int().min(1).max(10_000).optional(),
        sessionTtlSeconds: z.number().int().min(15).max(600).optional(),
      })
      .strict()
      .optional(),
    /** What each gateway signs in to its RTSP cameras with: the directory's addresses carry none. */
    cameraCredentials: z
      .array(
        z
          .object({ gatewayId: gatewayIdSchema, user: z.string().min(1), password: z.string().min(1) })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const ids = config.gateways.map((gateway) => gateway.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i)
        ctx.addIssue({ code: 'custom', path: ['gateways', i, 'id'], message: `${id} twice` });
    });
  });
export type VideoConfig = z.infer<typeof videoConfigSchema>;

/** The hub's video options from a parsed configuration. */
export function videoOptionsOf(config: VideoConfig) {
  const credentials = new Map((config.cameraCredentials ?? []).map((c) => [c.gatewayId, c]));
  const credentialsFor: CredentialsFor = (source: VideoSource) => {
    const found = credentials.get(source.gatewayId);
    return found && { user: found.user, password: found.password };
  };
  const limits: Partial<VideoLimits> = {
    ...(config.limits?.perOperator ? { perOperator: config.limits.perOperator } : {}),
    ...(config.limits?.perHub ? { perHub: config.limits.perHub } : {}),
    ...(config.limits?.sessionTtlSeconds ? { sessionTtlMs: config.limits.sessionTtlSeconds * 1000 } : {}),
  };
  return {
    gateways: (signer: PlayTokenSigner): MediaGateway[] =>
      config.gateways.map((gateway) => {
        switch (gateway.kind) {
          case 'zlmediakit': {
            const { kind: _kind, ...settings } = gateway;
            return new ZlmGateway({ ...settings, signer });
          }
          case 'mediamtx': {
            const { kind: _kind, ...settings } = gateway;
            return new MediaMtxGateway({ ...settings, signer });
          }
          case 'demo': {
            const { kind: _kind, ...settings } = gateway;
            return new LocalMediaGateway(settings);
          }
        }
      }),
    limits,
    credentialsFor,
  };
}

/** Reads and checks the configuration file; a problem is said with the file's name and where in it. */
export function loadVideoConfig(file: string): VideoConfig {
  if ((statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} holds the gateways' secrets: make it readable by its owner only (chmod 600)`);
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = videoConfigSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`,
    );
    throw new Error(`${file}: ${problems.join('; ')}`);
  }
  return parsed.data;
}
