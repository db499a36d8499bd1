import { useTranslation } from 'react-i18next';
import type { MapEntity } from '../data/entities';
import { formatAge } from './format';
import { asRisk, RiskBadge } from './RiskBadge';
import type { Selection } from './targets';

/** A grid: who works it, and what is open in it. */
export function GridDetail(props: {
  code: string;
  name: string | undefined;
  forces: MapEntity[];
  openIncidents: MapEntity[];
  onSelect(selection: Selection): void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h3 translate="no">{props.name ?? props.code}</h3>
      <dl className="map-facts">
        <dt>{t('map.detail.code')}</dt>
        <dd translate="no">{props.code}</dd>
      </dl>
      <h4>
        {t('map.detail.workers')} ({props.forces.length})
      </h4>
      {props.forces.length === 0 ? (
        <p className="map-note">{t('map.detail.none')}</p>
      ) : (
        <ul className="map-list">
          {props.forces.map((force) => (
            <li key={force.id}>
              <button
                type="button"
                onClick={() => props.onSelect({ kind: 'force', id: force.id, at: [force.lng, force.lat] })}
              >
                <span translate="no">{String(force.properties.name ?? force.id)}</span>
                <span className="map-list-meta">
                  {t(`map.force.${String(force.properties.forceKind)}`)} ·{' '}
                  {formatAge(t, force.properties.positionAt as string | null)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h4>
        {t('map.detail.openIncidents')} ({props.openIncidents.length})
      </h4>
      {props.openIncidents.length === 0 ? (
        <p className="map-note">{t('map.detail.none')}</p>
      ) : (
        <ul className="map-list">
          {props.openIncidents.map((incident) => (
            <li key={incident.id}>
              <button
                type="button"
                onClick={() =>
                  props.onSelect({ kind: 'incident', id: incident.id, at: [incident.lng, incident.lat] })
                }
              >
                <span translate="no">{String(incident.properties.title ?? incident.id)}</span>
                <span className="map-list-meta">
                  <RiskBadge risk={asRisk(incident.properties.riskLevel)} /> ·{' '}
                  {t(`map.stage.${String(incident.properties.stage)}`)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
