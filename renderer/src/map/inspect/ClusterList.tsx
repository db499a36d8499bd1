import { useTranslation } from 'react-i18next';
import { RISK_RANK } from '../style/palette';
import { asRisk, RiskBadge } from './RiskBadge';
import type { ClusterItem, Selection } from './targets';

/** The incidents in a cluster, listed where they are: no need to zoom in to tell them apart. */
export function ClusterList(props: {
  count: number;
  items: ClusterItem[];
  onSelect(selection: Selection): void;
}) {
  const { t } = useTranslation();
  const sorted = [...props.items].sort((a, b) => RISK_RANK[asRisk(b.risk)] - RISK_RANK[asRisk(a.risk)]);
  return (
    <>
      <h3>{t('map.detail.cluster', { count: props.count })}</h3>
      {props.items.length < props.count && (
        <p className="map-note">
          {t('map.detail.clusterFirst', { shown: props.items.length, count: props.count })}
        </p>
      )}
      <ul className="map-list" data-testid="cluster-list">
        {sorted.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              onClick={() => props.onSelect({ kind: 'incident', id: item.id, at: item.at })}
            >
              <span translate="no">{item.title}</span>
              <span className="map-list-meta">
                <RiskBadge risk={asRisk(item.risk)} /> · {t(`map.stage.${item.stage}`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
