import { useTranslation } from 'react-i18next';
import { TARGET_CATEGORY_LABELS } from '../../../../src/domain';
import { formatAge } from './format';
import { asRisk, RiskBadge } from './RiskBadge';
import type { Hover } from './targets';

/** What the pointer rests on, in a line or two, next to it. */
export function Tooltip({ hover }: { hover: Hover }) {
  const { t, i18n } = useTranslation();
  const { target } = hover;
  const categoryOf = (category: unknown) =>
    TARGET_CATEGORY_LABELS[category as keyof typeof TARGET_CATEGORY_LABELS]?.[
      i18n.language === 'en' ? 'en' : 'zh'
    ] ?? '';
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
    case 'sensitive-place':
      body = (
        <>
          <strong translate="no">{String(target.properties.name ?? '')}</strong>
          <span>
            {categoryOf(target.properties.category)} ·{' '}
            {t('map.targets.radius', { metres: target.properties.protectiveRadiusM })}
          </span>
        </>
      );
      break;
    case 'dangerous-object':
      body = (
        <>
          <strong translate="no">{String(target.properties.name ?? '')}</strong>
          <span>
            <RiskBadge risk={asRisk(target.properties.riskLevel)} /> ·{' '}
            {categoryOf(target.properties.category)}
          </span>
          <span className={target.properties.inspectionOverdue ? 'map-hint overdue' : 'map-hint'}>
            {target.properties.inspectionOverdue
              ? t('map.targets.overdue')
              : t('map.targets.dueOn', { day: target.properties.inspectionDue })}
          </span>
        </>
      );
      break;
    case 'region':
      body = (
        <>
          <strong translate="no">{target.name}</strong>
          <span>
            {t(`map.level.${target.level}`)}
            {/* A grid's code is how the grid directory and the grid workers name it; other places go by name. */}
            {target.level === 'grid' && (
              <>
                {' · '}
                {t('map.tooltip.gridCode', { code: target.code })}
              </>
            )}
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
