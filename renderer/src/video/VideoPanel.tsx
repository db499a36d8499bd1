import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopApi } from '../api-client';
import { VideoPlayer } from './VideoPlayer';
import './i18n';
import './video.css';

/** "02:15", "1:02:15": how long a panel has been open. */
function formatDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

/** How long since the panel opened, ticking each second. */
export function OpenFor() {
  const { t } = useTranslation();
  const [openedAt] = useState(Date.now);
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <span className="video-open-for">{t('video.openFor', { duration: formatDuration(now - openedAt) })}</span>
  );
}

type Source = { kind: 'gb28181' | 'rtsp'; channelId: string | null } | null;

/**
 * A camera's video in its card: how it is connected and its live picture, or that it has none. Closing the
 * card releases the stream.
 */
export function CameraVideo({ cameraId, name }: { cameraId: string; name: string }) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source | 'loading'>('loading');
  useEffect(() => {
    let current = true;
    void desktopApi.call('video.source', { cameraId }).then((result) => {
      if (current) setSource(result.ok ? result.value.video : null);
    });
    return () => {
      current = false;
    };
  }, [cameraId]);
  if (source === 'loading') return null;
  if (!source) {
    return (
      <p className="map-note" data-testid="camera-no-video">
        {t('video.noVideo')}
      </p>
    );
  }
  return (
    <section className="camera-video" data-testid="camera-video">
      <dl className="map-facts">
        <dt>{t('video.source')}</dt>
        <dd>{t(`video.sourceKind.${source.kind}`)}</dd>
        {source.channelId && (
          <>
            <dt>{t('video.channel')}</dt>
            <dd translate="no">{source.channelId}</dd>
          </>
        )}
      </dl>
      <VideoPlayer cameraId={cameraId} label={name} />
      <OpenFor />
    </section>
  );
}
