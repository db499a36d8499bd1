import { useTranslation } from 'react-i18next';
import type { Crumb } from '../scope/drill-down';

/** Where the map is drilled to, from the operator's jurisdiction down; each step leads back up. */
export function Breadcrumb({ trail, onSelect }: { trail: Crumb[]; onSelect(code: string): void }) {
  const { t } = useTranslation();
  return (
    <nav className="map-breadcrumb" data-testid="breadcrumb" aria-label={t('map.breadcrumb.label')}>
      <ol>
        {trail.map((crumb, i) => (
          <li key={crumb.code}>
            <span className="map-crumb-level">{t(`map.level.${crumb.level}`)}</span>
            {i < trail.length - 1 ? (
              <button type="button" translate="no" onClick={() => onSelect(crumb.code)}>
                {crumb.name}
              </button>
            ) : (
              <span className="map-crumb-current" translate="no" aria-current="location">
                {crumb.name}
              </span>
            )}
          </li>
        ))}
      </ol>
      <span className="map-hint">{t('map.breadcrumb.hint')}</span>
    </nav>
  );
}
