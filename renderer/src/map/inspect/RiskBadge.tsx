import { useTranslation } from 'react-i18next';
import { incidentIcon } from '../engine/icons';
import { MAP_RISKS, type MapRisk } from '../style/palette';
import { Swatch } from '../ui/Swatch';

export function asRisk(value: unknown): MapRisk {
  return MAP_RISKS.find((risk) => risk === value) ?? 'ungraded';
}

/** A risk grade as the map draws it (shape and colour) and in words. */
export function RiskBadge({ risk }: { risk: MapRisk }) {
  const { t } = useTranslation();
  return (
    <span className={`map-risk map-risk-${risk}`}>
      <Swatch icon={incidentIcon(risk)} />
      {t(`map.risk.${risk}`)}
    </span>
  );
}
