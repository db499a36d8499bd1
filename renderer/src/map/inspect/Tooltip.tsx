import { useTranslation } from 'react-i18next';
import { formatAge } from './format';
import { asRisk, RiskBadge } from './RiskBadge';
import type { Hover } from './targets';

/** What the pointer rests on, in a line or two, next to it. */
export function Tooltip({ hover }: { hover: Hover }) {
  const { t } = useTranslation();
  const { target } = hover;
  let body;
  switch (target.kind) {
    case 'incident':
      body = (
        <>
          <strong translate="no">{String(target.properties.title ?? '')}</strong>
          <span>
            <RiskBadge risk={asRisk(target.properties.risk)} /> ·{' '}
            {t(`map.stage.${String(target.properties.stage)}`)}
          </span>
        </>
      );
      break;
    case 'cluster':
      body = (
        <>
          <strong>{t('map.tooltip.cluster', { count: target.count, high: target.high })}</strong>
          <span className="map-hint">{t('map.tooltip.clusterHint')}</span>
        </>
      );
      break;
    case 'monitoring-point':
      body = (
        <>
          <strong translate="no">{String(target.properties.name ?? '')}</strong>
          <span>
            {t(`map.monitoring.${String(target.properties.symbol)}`)} ·{' '}
            {t(`map.monitoring.status.${String(target.properties.status)}`)}
          </span>
        </>
      );
      break;
    case 'force':
      body = (
        <>
          <strong translate="no">{String(target.properties.name ?? '')}</strong>
          <span>
            {t(`map.force.${String(target.properties.forceKind)}`)} · {t('map.detail.lastPosition')}{' '}
            {formatAge(t, target.properties.positionAt as string | null)}
          </span>
        </>
      );
      break;
    case 'key-site':
      body = (
        <>
          <strong translate="no">{target.name}</strong>
          <span>{t('map.legend.keySiteSeat')}</span>
        </>
      );
      break;
    case 'region':
      body = (
        <>
          <strong translate="no">{target.name}</strong>
          <span>
            {t(`map.level.${target.level}`)} · <span translate="no">{target.code}</span>
          </span>
          {target.drillable && <span className="map-hint">{t('map.tooltip.drill')}</span>}
        </>
      );
      break;
  }
  return (
    <div className="map-tooltip" role="tooltip" style={{ left: hover.x + 16, top: hover.y + 16 }}>
      {body}
    </div>
  );
}
