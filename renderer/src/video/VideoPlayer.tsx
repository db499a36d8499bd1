import mpegts from 'mpegts.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VideoSessionView } from '../../../src/core/contract/video';
import type { Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { formatChinaTime } from '../words/china-time';
import { useSay } from '../words/say';

/** How often the open panel tells the hub it is still watching (the session lasts a minute without). */
const KEEP_ALIVE_MS = 20_000;
/** A picture that has not moved for this long is called interrupted, and the player reconnects. */
const STALL_MS = 4_000;
/** The first picture may take longer: the gateway is starting to pull the camera. */
const FIRST_FRAME_MS = 10_000;
const WATCH_MS = 1_000;

// The player's chatter stays out of the console: only its warnings and errors, which name no play URL.
mpegts.LoggingControl.applyConfig({ enableDebug: false, enableVerbose: false, enableInfo: false });

type PlayerState =
  | { phase: 'connecting' }
  | { phase: 'playing' }
  | { phase: 'interrupted'; at: number }
  | { phase: 'refused'; error: Wording };

/** What plays a stream into the element, whichever library it is. */
interface StreamPlayer {
  destroy(): void;
}

/** An HTTP-FLV player on the element, tuned for live: no stash, chasing the live edge. */
function createFlvPlayer(element: HTMLVideoElement, url: string): StreamPlayer {
  const player = mpegts.createPlayer(
    { type: 'flv', isLive: true, hasAudio: false, url },
    {
      enableWorker: false,
      enableStashBuffer: false,
      lazyLoad: false,
      liveBufferLatencyChasing: true,
      liveBufferLatencyMaxLatency: 1.5,
      liveBufferLatencyMinRemain: 0.3,
    },
  );
  player.attachMediaElement(element);
  player.load();
  void Promise.resolve(player.play()).catch(() => undefined);
  return player;
}

/**
 * An HLS player (MediaMTX serves HLS and WebRTC, not FLV), loaded only when a gateway gives HLS: its library
 * is large and most gateways serve FLV.
 */
async function createHlsPlayer(element: HTMLVideoElement, url: string): Promise<StreamPlayer> {
  const { default: Hls } = await import('hls.js');
  const hls = new Hls({ lowLatencyMode: true, liveSyncDurationCount: 2 });
  hls.loadSource(url);
  hls.attachMedia(element);
  void element.play().catch(() => undefined);
  return hls;
}

/** The player for the session's URLs: FLV where the gateway serves it (lowest latency), else HLS. */
async function createPlayer(element: HTMLVideoElement, urls: VideoSessionView['urls']) {
  if (urls.flv) return createFlvPlayer(element, urls.flv);
  if (urls.hls) return createHlsPlayer(element, urls.hls);
  return undefined;
}

/**
 * One camera's live picture: opens a session with the hub, plays its HTTP-FLV URL, keeps the session alive
 * while shown and closes it when gone. A picture that stops moving says "信号中断" with the time and
 * reconnects; it never freezes silently.
 */
export function VideoPlayer({ cameraId, label }: { cameraId: string; label: string }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const element = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<PlayerState>({ phase: 'connecting' });

  useEffect(() => {
    let session: VideoSessionView | undefined;
    let player: StreamPlayer | undefined;
    let ended = false;
    let lastTime = -1;
    let lastMoved = Date.now();
    let everPlayed = false;

    const play = async (urls: VideoSessionView['urls']) => {
      player?.destroy();
      player = undefined;
      lastMoved = Date.now();
      const created = element.current ? await createPlayer(element.current, urls) : undefined;
      if (ended) created?.destroy();
      else player = created;
    };
    const reconnect = async () => {
      if (!session) return;
      const renewed = await desktopApi.call('video.keepAlive', { sessionId: session.sessionId });
      if (ended) return;
      if (!renewed.ok) return setState({ phase: 'refused', error: renewed.error });
      session = renewed.value;
      await play(session.urls);
    };
    const watch = setInterval(() => {
      const video = element.current;
      if (!video || !player) return;
      if (video.currentTime !== lastTime) {
        lastTime = video.currentTime;
        lastMoved = Date.now();
        if (lastTime > 0) {
          everPlayed = true;
          setState((now) => (now.phase === 'playing' ? now : { phase: 'playing' }));
        }
        return;
      }
      if (Date.now() - lastMoved < (everPlayed ? STALL_MS : FIRST_FRAME_MS)) return;
      setState((now) => (now.phase === 'interrupted' ? now : { phase: 'interrupted', at: lastMoved }));
      void reconnect();
    }, WATCH_MS);
    const keepAlive = setInterval(() => {
      if (!session) return;
      void desktopApi.call('video.keepAlive', { sessionId: session.sessionId }).then((renewed) => {
        if (renewed.ok && !ended) session = renewed.value;
      });
    }, KEEP_ALIVE_MS);

    void desktopApi.call('video.open', { cameraId }).then((opened) => {
      if (!opened.ok) return !ended && setState({ phase: 'refused', error: opened.error });
      session = opened.value;
      if (ended) return void desktopApi.call('video.close', { sessionId: session.sessionId });
      return play(session.urls);
    });

    return () => {
      ended = true;
      clearInterval(watch);
      clearInterval(keepAlive);
      player?.destroy();
      if (session) void desktopApi.call('video.close', { sessionId: session.sessionId });
    };
  }, [cameraId]);

  return (
    <div className="video-player" data-testid="video-player" data-camera={cameraId} data-phase={state.phase}>
      {state.phase === 'refused' ? (
        <p className="video-refused" role="alert">
          {say(state.error)}
        </p>
      ) : (
        <video ref={element} muted autoPlay playsInline aria-label={label} />
      )}
      {state.phase === 'connecting' && <p className="video-status">{t('video.connecting')}</p>}
      {state.phase === 'interrupted' && (
        <p className="video-status video-interrupted" role="status">
          {t('video.interrupted', { at: formatChinaTime(state.at, i18n.language) })}
        </p>
      )}
    </div>
  );
}
