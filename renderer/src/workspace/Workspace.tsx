import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import type { MapFocus } from '../map/controller/focus';
import type { Role } from '../../../src/domain';
import { MapPanel } from '../components/MapPanel';
import { IncidentDetail } from './IncidentDetail';
import { IncidentQueue } from './IncidentQueue';
import './i18n';
import './workspace.css';

/**
 * The operator's shift: the queue on the left, the map in the middle, the selected incident on the right.
 * The panels window of a two-display wall leaves the map to the other display.
 */
export const Workspace = memo(function Workspace({
  operator,
  selected,
  onSelect,
  withMap,
}: {
  operator: SessionStatus['operator'] | undefined;
  selected: MapFocus | null;
  onSelect(focus: MapFocus | null): void;
  withMap: boolean;
}) {
  const { t } = useTranslation();
  return (
    <main className={`workspace${withMap ? '' : ' without-map'}`} data-testid="workspace">
      <IncidentQueue
        selectedId={selected?.id ?? null}
        onSelect={(row) => onSelect({ id: row.id, location: row.location })}
      />
      {withMap && <MapPanel focus={selected} compact />}
      <aside className="workspace-detail">
        {selected && operator ? (
          <IncidentDetail
            key={selected.id}
            id={selected.id}
            role={operator.role as Role}
            self={operator.accountId}
            onClose={() => onSelect(null)}
          />
        ) : (
          <p className="notice">{t('ws.detail.none')}</p>
        )}
      </aside>
    </main>
  );
});
