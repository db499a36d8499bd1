import { useTranslation } from 'react-i18next';
import type { MapEntity } from '../data/entities';
import { CameraVideo } from '../../video/VideoPanel';
import { formatAge } from './format';
import { NearbyVideoButton } from './IncidentDetail';

/** A monitoring point or a force, as the cache knows it now. */
export function EntityDetail(props: {
  kind: 'monitoring-point' | 'force';
  entity: MapEntity | undefined;
  unitName(code: string): string | undefined;
}) {
  const { t } = useTranslation();
  const { entity } = props;
  if (!entity) return <p className="map-note">{t('map.detail.gone')}</p>;
  const p = entity.properties;
  const code = String(p.jurisdictionCode ?? '');
  const jurisdiction = (
    <>
      <dt>{t('map.detail.jurisdiction')}</dt>
      <dd translate="no">
        {props.unitName(code) ?? ''} {code}
      </dd>
    </>
  );
  if (props.kind === 'monitoring-point') {
    const symbol = p.pointKind === 'camera' ? `camera-${p.cameraClass ?? 3}` : String(p.pointKind);
    return (
      <>
        <h3 translate="no">{String(p.name ?? entity.id)}</h3>
        <dl className="map-facts">
          <dt>{t('map.detail.kind')}</dt>
          <dd>{t(`map.monitoring.${symbol}`)}</dd>
          <dt>{t('map.detail.status')}</dt>
          <dd>{t(`map.monitoring.status.${String(p.status)}`)}</dd>
          {jurisdiction}
        </dl>
        {p.pointKind === 'camera' && <CameraVideo cameraId={entity.id} name={String(p.name ?? '')} />}
        <NearbyVideoButton at={[entity.lng, entity.lat]} />
      </>
    );
  }
  return (
    <>
      <h3 translate="no">{String(p.name ?? entity.id)}</h3>
      <dl className="map-facts">
        <dt>{t('map.detail.kind')}</dt>
        <dd>{t(`map.force.${String(p.forceKind)}`)}</dd>
        <dt>{t('map.detail.members')}</dt>
        <dd>{String(p.members ?? '')}</dd>
        <dt>{t('map.detail.lastPosition')}</dt>
        <dd>{formatAge(t, p.positionAt as string | null)}</dd>
        {jurisdiction}
      </dl>
    </>
  );
}
