import { useTranslation } from 'react-i18next';
import type { MapController } from '../controller/map-controller';
import { ClusterList } from './ClusterList';
import { EntityDetail } from './EntityDetail';
import { GridDetail } from './GridDetail';
import { IncidentDetail } from './IncidentDetail';
import type { Selection } from './targets';

export interface DetailPanelProps {
  selection: Selection;
  /** Read on every render: the panel re-renders with each applied change, so what it shows stays live. */
  controller: MapController;
  onSelect(selection: Selection): void;
  onClose(): void;
}

/** What was clicked, in detail, beside the map. */
export function DetailPanel({ selection, controller, onSelect, onClose }: DetailPanelProps) {
  const { t } = useTranslation();
  let body;
  switch (selection.kind) {
    case 'incident':
      body = <IncidentDetail id={selection.id} onSelect={onSelect} />;
      break;
    case 'monitoring-point':
    case 'force':
      body = (
        <EntityDetail
          kind={selection.kind}
          entity={controller.entity(selection.kind, selection.id)}
          unitName={(code) => controller.unitName(code)}
        />
      );
      break;
    case 'grid':
      body = (
        <GridDetail
          code={selection.code}
          name={controller.unitName(selection.code)}
          {...controller.gridContents(selection.code)}
          onSelect={onSelect}
        />
      );
      break;
    case 'cluster':
      body = <ClusterList count={selection.count} items={selection.items} onSelect={onSelect} />;
      break;
  }
  return (
    <aside className="map-panel map-detail" data-testid="detail-panel" aria-live="polite">
      <button type="button" className="map-close" onClick={onClose}>
        {t('map.detail.close')}
      </button>
      {body}
    </aside>
  );
}
