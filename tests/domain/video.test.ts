import { describe, expect, it } from 'vitest';
import { nearestOnlineCameras, videoSourceSchema, type VideoCamera } from '../../src/domain';

const GB = {
  kind: 'gb28181',
  deviceId: '53290100001180000001',
  channelId: '53290100001310000001',
  gatewayId: 'demo',
};

describe("a camera's video source", () => {
  it.each([
    ['a GB/T 28181 NVR channel', GB],
    ['a GB/T 28181 camera itself', { ...GB, deviceId: '53290100001320000001' }],
    [
      'an RTSP address',
      { kind: 'rtsp', url: 'rtsp://10.2.3.4:554/Streaming/Channels/101', gatewayId: 'zlm-1' },
    ],
    [
      'an RTSP address over TLS to a name',
      { kind: 'rtsp', url: 'rtsps://cam-7.dali.local/ch1', gatewayId: 'zlm-1' },
    ],
    ['an IPv6 RTSP address', { kind: 'rtsp', url: 'rtsp://[fd00::7]:554/ch1', gatewayId: 'zlm-1' }],
  ])('takes %s', (_case, source) => {
    expect(videoSourceSchema.safeParse(source).success).toBe(true);
  });

  it.each([
    ['a device id of 19 digits', { ...GB, deviceId: '5329010000118000001' }],
    ['a device that is an alarm input (134)', { ...GB, deviceId: '53290100001340000001' }],
    ['letters in the channel', { ...GB, channelId: '5329010000131000000A' }],
    ['full-width digits', { ...GB, channelId: '５３２９０１００００１３１００００００１' }],
    ['no gateway', { ...GB, gatewayId: undefined }],
    ['a gateway id with spaces', { ...GB, gatewayId: 'zlm 1' }],
    ['credentials in the address', { kind: 'rtsp', url: 'rtsp://admin:12345@10.2.3.4/ch1', gatewayId: 'z' }],
    ['a user in the address', { kind: 'rtsp', url: 'rtsp://admin@10.2.3.4/ch1', gatewayId: 'z' }],
    ['an HTTP address', { kind: 'rtsp', url: 'http://10.2.3.4/ch1', gatewayId: 'z' }],
    ['a space in the path', { kind: 'rtsp', url: 'rtsp://10.2.3.4/ch 1', gatewayId: 'z' }],
    ['a NUL in the path', { kind: 'rtsp', url: 'rtsp://10.2.3.4/ch\u00001', gatewayId: 'z' }],
    ['a zero-width space in the host', { kind: 'rtsp', url: 'rtsp://10.2.3.4\u200b/ch1', gatewayId: 'z' }],
    ['an address of 501 characters', { kind: 'rtsp', url: `rtsp://h/${'a'.repeat(492)}`, gatewayId: 'z' }],
    ['an unknown kind', { ...GB, kind: 'onvif' }],
    ['an extra field', { ...GB, password: 'x' }],
  ])('refuses %s', (_case, source) => {
    expect(videoSourceSchema.safeParse(source).success).toBe(false);
  });
});

describe('nearby video', () => {
  const camera = (
    id: string,
    position: [number, number],
    status: VideoCamera['status'] = 'online',
  ): VideoCamera => ({
    id,
    name: id,
    class: 1,
    status,
    position,
    jurisdictionCode: '532901003001001',
  });
  // About 111 m per 0.001° of latitude.
  const cameras = [
    camera('far', [100.2, 25.62]),
    camera('b', [100.2, 25.602]),
    camera('a', [100.2, 25.601]),
    camera('offline', [100.2, 25.6005], 'offline'),
    camera('fault', [100.2, 25.6004], 'fault'),
    camera('c', [100.2, 25.603]),
  ];

  it('gives the nearest online cameras within the radius, nearest first', () => {
    const near = nearestOnlineCameras(cameras, [100.2, 25.6], 2, 1);
    expect(near.map((n) => n.camera.id)).toEqual(['a', 'b']);
    expect(near[0]!.distanceKm).toBeCloseTo(0.111, 2);
  });

  it('gives fewer when fewer are within the radius, and none when none are', () => {
    expect(nearestOnlineCameras(cameras, [100.2, 25.6], 9, 1).map((n) => n.camera.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(nearestOnlineCameras(cameras, [101, 26], 4, 2)).toEqual([]);
  });
});
