import { useTranslation } from 'react-i18next';
import { FORCE_KINDS, MONITORING_STATUSES } from '../../../../src/domain';
import {
  forceIcon,
  hatchPattern,
  incidentIcon,
  DANGEROUS_OBJECT_ICON,
  SENSITIVE_PLACE_ICON,
  MONITORING_SYMBOLS,
  monitoringIcon,
} from '../engine/icons';
import type { GridColouring } from '../layers/context';
import { LOAD_CLASSES, MAP_RISKS, RISK_COLOURS, WALL } from '../style/palette';
import { ColourPatch, Swatch } from './Swatch';

const BOUNDARY_LINES = [
  { level: 'county', colour: WALL.countyLine, dashed: false },
  { level: 'township', colour: WALL.townshipLine, dashed: false },
  { level: 'village', colour: WALL.villageLine, dashed: false },
  { level: 'grid', colour: WALL.gridLine, dashed: true },
] as const;

/** Every colour, shape and pattern on the map, with what it means. */
export function Legend({ gridColouring, folded }: { gridColouring: GridColouring; folded?: boolean }) {
  const { t } = useTranslation();
  return (
    <details className="map-panel map-legend" open={!folded}>
      <summary>
        <h3>{t('map.legend.heading')}</h3>
      </summary>

      <h4>{t('map.legend.risk')}</h4>
      <ul>
        {MAP_RISKS.map((risk) => (
          <li key={risk}>
            <Swatch icon={incidentIcon(risk)} />
            {t(`map.risk.${risk}`)}
          </li>
        ))}
      </ul>
      <p className="map-note">{t('map.legend.cluster')}</p>
      <p className="map-note">{t('map.legend.stage')}</p>

      <h4>{t(gridColouring === 'load' ? 'map.legend.gridsByLoad' : 'map.legend.gridsByRisk')}</h4>
      <ul>
        {gridColouring === 'load'
          ? LOAD_CLASSES.map(({ min, colour }) => (
              <li key={min}>
                <ColourPatch colour={colour} />
                {t(`map.legend.loadClass.${min}`)}
              </li>
            ))
          : MAP_RISKS.map((risk) => (
              <li key={risk}>
                <ColourPatch
                  colour={RISK_COLOURS[risk]}
                  pattern={risk === 'ungraded' ? undefined : hatchPattern(risk)}
                />
                {t(`map.risk.${risk}`)}
              </li>
            ))}
      </ul>

      <h4>{t('map.legend.monitoring')}</h4>
      <ul>
        {MONITORING_SYMBOLS.map((symbol) => (
          <li key={symbol}>
            <Swatch icon={monitoringIcon(symbol, 'online')} />
            {t(`map.monitoring.${symbol}`)}
          </li>
        ))}
        {MONITORING_STATUSES.map((status) => (
          <li key={status}>
            <Swatch icon={monitoringIcon('camera-1', status)} />
            {t(`map.legend.status.${status}`)}
          </li>
        ))}
      </ul>
      <p className="map-note">{t('map.legend.monitoringDensity')}</p>

      <h4>{t('map.legend.forces')}</h4>
      <ul>
        {FORCE_KINDS.map((kind) => (
          <li key={kind}>
            <Swatch icon={forceIcon(kind)} mark={t(`map.forceMark.${kind}`)} />
            {t(`map.force.${kind}`)}
          </li>
        ))}
      </ul>
      <p className="map-note">{t('map.legend.forceAge')}</p>

      <h4>{t('map.legend.targets')}</h4>
      <ul>
        <li>
          <Swatch icon={SENSITIVE_PLACE_ICON} />
          {t('map.legend.sensitivePlace')}
        </li>
        <li>
          <Swatch icon={DANGEROUS_OBJECT_ICON} />
          {t('map.legend.dangerousObject')}
        </li>
      </ul>
      <p className="map-note">{t('map.legend.targetsNote')}</p>

      <h4>{t('map.legend.boundaries')}</h4>
      <ul>
        <li>
          <ColourPatch colour={WALL.prefectureLine} line />
          {t('map.legend.boundaryScope')}
        </li>
        {BOUNDARY_LINES.map((line) => (
          <li key={line.level}>
            <ColourPatch colour={line.colour} line dashed={line.dashed} />
            {t(`map.level.${line.level}`)}
          </li>
        ))}
      </ul>
    </details>
  );
}
