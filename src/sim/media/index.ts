/**
 * The demo's video: a media server (node-media-server) in the demo's process whose cameras are synthetic
 * pictures made by ffmpeg, opened and closed by the hub through a small control API.
 */
export {
  DEFAULT_IDLE_CLOSE_MS,
  DEFAULT_MAX_CAMERAS,
  DEFAULT_PUBLISH_TIMEOUT_MS,
  DEMO_MEDIA_APP,
  STREAM_NAME_PATTERN,
  startDemoMediaServer,
  type DemoMediaServer,
  type DemoMediaServerOptions,
} from './demo-media-server';
export {
  DEFAULT_PICTURE,
  SyntheticCamera,
  checkFfmpeg,
  findCjkFont,
  silentLogger,
  syntheticCameraArgs,
  type MediaLogger,
  type PictureOptions,
  type SyntheticCameraOptions,
} from './synthetic-camera';
export { freePort } from './free-port';
