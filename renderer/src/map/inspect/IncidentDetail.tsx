import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApiOutput } from '../../../../src/core/contract/api';
import { desktopApi } from '../../api-client';
import { formatDistance, formatTime } from './format';
import { asRisk, RiskBadge } from './RiskBadge';
import type { Selection } from './targets';
import { useVideoDock } from '../../video/VideoDock';

type Nearest = DesktopApiOutput<'entities.nearest'>['items'];
type Loaded =
  | { state: 'loading' }
  | { state: 'gone' }
  | { state: 'ready'; detail: NonNullable<DesktopApiOutput<'incident.get'>> };

const NEAREST = 5;
const TIMELINE_ENTRIES = 6;
/** A busy incident changes often: read it again at most this often. */
const REFRESH_AFTER_MS = 500;

function nameOf(doc: unknown): string {
  return typeof doc === 'object' && doc !== null && 'name' in doc ? String(doc.name) : '';
}

function kindOf(doc: unknown): string {
  return typeof doc === 'object' && doc !== null && 'kind' in doc ? String(doc.kind) : '';
}

function symbolOf(doc: unknown): string {
  const kind = kindOf(doc);
  if (kind !== 'camera') return kind;
  return `camera-${typeof doc === 'object' && doc !== null && 'cameraClass' in doc ? String(doc.cameraClass) : '3'}`;
}

/** One incident: where it stands, what happened to it, and who and what is nearest. */
/** Opens the nearest online cameras with video around a place (周边视频), where the screen has video. */
export function NearbyVideoButton({ at }: { at: [number, number] }) {
  const { t } = useTranslation();
  const dock = useVideoDock();
  if (!dock) return null;
  return (
    <button
      type="button"
      className="map-action"
      data-testid="nearby-video-button"
      onClick={() => dock.openNearby(at)}
    >
      {t('video.nearby')}
    </button>
  );
}

export function IncidentDetail({ id, onSelect }: { id: string; onSelect(selection: Selection): void }) {
  const { t, i18n } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [cameras, setCameras] = useState<Nearest>([]);
  const [forces, setForces] = useState<Nearest>([]);
  const location = loaded.state === 'ready' ? loaded.detail.incident.location : undefined;
  const locationKey = location?.join(',');

  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = () =>
      void desktopApi.call('incident.get', { id }).then((answer) => {
        if (cancelled || !answer.ok) return;
        setLoaded(answer.value ? { state: 'ready', detail: answer.value } : { state: 'gone' });
      });
    setLoaded({ state: 'loading' });
    read();
    const stop = desktopApi.on('changed', (change) => {
      if ((change.ids === null || change.ids.incident?.includes(id)) && !timer)
        timer = setTimeout(() => {
          timer = undefined;
          read();
        }, REFRESH_AFTER_MS);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
      stop();
    };
  }, [id]);

  useEffect(() => {
    if (!locationKey) return;
    let cancelled = false;
    const at = locationKey.split(',').map(Number) as [number, number];
    void desktopApi
      .call('entities.nearest', { kind: 'monitoring-point', location: at, limit: NEAREST })
      .then((answer) => !cancelled && answer.ok && setCameras(answer.value.items));
    void desktopApi
      .call('entities.nearest', { kind: 'force', location: at, limit: NEAREST })
      .then((answer) => !cancelled && answer.ok && setForces(answer.value.items));
    return () => {
      cancelled = true;
    };
  }, [locationKey]);

  if (loaded.state === 'loading') return <p className="map-note">{t('map.detail.loading')}</p>;
  if (loaded.state === 'gone') return <p className="map-note">{t('map.detail.gone')}</p>;
  const { incident, timeline } = loaded.detail;
  const nearestList = (
    kind: 'monitoring-point' | 'force',
    items: Nearest,
    describe: (doc: unknown) => string,
  ) =>
    items.length === 0 ? (
      <p className="map-note">{t('map.detail.none')}</p>
    ) : (
      <ul className="map-list">
        {items.map((item) => (
          <li key={item.id}>
            <button type="button" onClick={() => onSelect({ kind, id: item.id, at: item.location })}>
              <span translate="no">{nameOf(item.doc)}</span>
              <span className="map-list-meta">
                {describe(item.doc)} · {formatDistance(t, item.distanceMeters, i18n.language)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    );

  return (
    <>
      <h3 translate="no">{incident.title}</h3>
      <dl className="map-facts">
        <dt>{t('map.detail.risk')}</dt>
        <dd>
          <RiskBadge risk={asRisk(incident.riskLevel)} />
        </dd>
        <dt>{t('map.detail.stage')}</dt>
        <dd>{t(`map.stage.${incident.stage}`)}</dd>
        <dt>{t('map.detail.category')}</dt>
        <dd>{t(`map.category.${incident.category}`)}</dd>
        <dt>{t('map.detail.address')}</dt>
        <dd translate="no">{incident.address}</dd>
        <dt>{t('map.detail.reported')}</dt>
        <dd>{formatTime(incident.createdAt, i18n.language)}</dd>
      </dl>
      <h4>{t('map.detail.timeline')}</h4>
      <ol className="map-timeline">
        {timeline.slice(-TIMELINE_ENTRIES).map((entry) => (
          <li key={entry.seq}>
            <span className="map-list-meta">{formatTime(entry.at, i18n.language)}</span>{' '}
            {t(`map.timeline.${entry.type.replace('.', '_')}`, { defaultValue: entry.type })}
          </li>
        ))}
      </ol>
      <NearbyVideoButton at={incident.location} />
      <h4>{t('map.detail.nearestCameras')}</h4>
      {nearestList('monitoring-point', cameras, (doc) => t(`map.monitoring.${symbolOf(doc)}`))}
      <h4>{t('map.detail.nearestForces')}</h4>
      {nearestList('force', forces, (doc) => t(`map.force.${kindOf(doc)}`))}
    </>
  );
}
