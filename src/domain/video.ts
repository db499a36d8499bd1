import { z } from 'zod';

/**
 * A camera's video source, from the camera platform's directory (视频目录同步): a GB/T 28181 device and
 * channel, or an RTSP address, and the media gateway that pulls it. What the gateway needs to sign in to a
 * camera stays in the gateway's configuration, never in the directory, which every desktop caches.
 */

/**
 * A GB/T 28181 id: 20 digits, the first 8 the place (province, city, county, grassroots unit), then the
 * industry (2), the device type (3) and the network (1), then a serial number (6).
 */
export const gb28181IdSchema = z.string().regex(/^\d{20}$/, 'a GB/T 28181 id is 20 digits');

/**
 * A camera's device: the device type (digits 11 to 13) of a camera (131, 132), an NVR (118) or a DVR (111,
 * 112).
 */
const gb28181DeviceIdSchema = z
  .string()
  .regex(/^\d{10}(11[128]|13[12])\d{7}$/, 'a GB/T 28181 device id of a camera, an NVR or a DVR');

/** The gateway's id as the hub's configuration names it. */
export const gatewayIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'up to 32 of a-z, 0-9 and -');

/**
 * An RTSP address without a user name or password: a camera's credentials belong in its gateway's
 * configuration. A host (name, IPv4, or IPv6 in brackets) with an optional port, then a path of visible ASCII
 * only (anything else percent-encoded), so no space, control character or `@` can hide in it.
 */
const rtspUrlSchema = z
  .string()
  .max(500)
  .regex(
    /^rtsps?:\/\/[A-Za-z0-9.\-[\]:]+(\/[!-~]*)?$/,
    'an RTSP address (rtsp://host/path) with no user name or password',
  );

export const videoSourceSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('gb28181'),
      deviceId: gb28181DeviceIdSchema,
      channelId: gb28181IdSchema,
      gatewayId: gatewayIdSchema,
    })
    .strict(),
  z.object({ kind: z.literal('rtsp'), url: rtspUrlSchema, gatewayId: gatewayIdSchema }).strict(),
]);
export type VideoSource = z.infer<typeof videoSourceSchema>;

/** The video wall's splits. */
export const VIDEO_WALL_SPLITS = [1, 4, 9, 16] as const;
export type VideoWallSplit = (typeof VIDEO_WALL_SPLITS)[number];
