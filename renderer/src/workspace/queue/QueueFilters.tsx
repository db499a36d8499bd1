import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, QueueSort } from '../../../../src/core/contract/queue';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SOURCES,
  type IncidentCategory,
  type IncidentSource,
  type MemberUnit,
} from '../../../../src/domain';
import { desktopApi } from '../../api-client';
import { AnyOrOne } from './AnyOrOne';
import { RISK_CHOICES, type QueueChoices, type RiskChoice } from './queue-choices';

const SORTS = ['deadline', 'updated', 'created', 'risk'] as const;
const EXPORT_FORMATS = ['csv', 'geojson', 'kml'] as const;

/** The member units, for the filter by unit. */
function useUnits(): MemberUnit[] {
  const [units, setUnits] = useState<MemberUnit[]>([]);
  useEffect(() => {
    void desktopApi.call('units.list', {}).then((result) => result.ok && setUnits(result.value));
  }, []);
  return units;
}

function Toggle({
  testId,
  checked,
  label,
  onChange,
}: {
  testId: string;
  checked: boolean;
  label: string;
  onChange(checked: boolean): void;
}) {
  return (
    <label className="toggle">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
      />
      {label}
    </label>
  );
}

/** The one-choice filters: risk, category, source and unit. */
function ChoiceFilters({
  choices,
  choose,
}: {
  choices: QueueChoices;
  choose(change: Partial<QueueChoices>): void;
}) {
  const { t } = useTranslation();
  const units = useUnits();
  return (
    <>
      <AnyOrOne<RiskChoice>
        testId="queue-risk"
        any={t('ws.queue.anyRisk')}
        value={choices.risk}
        onChange={(risk) => choose({ risk })}
        choices={RISK_CHOICES.map((choice) => [choice, t(`risk.${choice}`)] as const)}
      />
      <AnyOrOne<IncidentCategory>
        any={t('ws.queue.anyCategory')}
        value={choices.category}
        onChange={(category) => choose({ category })}
        choices={INCIDENT_CATEGORIES.map((choice) => [choice, t(`map.category.${choice}`)] as const)}
      />
      <AnyOrOne<IncidentSource>
        any={t('ws.queue.anySource')}
        value={choices.source}
        onChange={(source) => choose({ source })}
        choices={INCIDENT_SOURCES.map((choice) => [choice, t(`ws.source.${choice}`)] as const)}
      />
      <AnyOrOne
        any={t('ws.queue.anyUnit')}
        value={choices.unitId}
        onChange={(unitId) => choose({ unitId })}
        choices={units.map((unit) => [unit.id, unit.name] as const)}
        names
      />
    </>
  );
}

/** Search, filters, sort and export of the queue. */
export function QueueFilters({
  choices,
  choose,
  sort,
  onSort,
  onExport,
}: {
  choices: QueueChoices;
  choose(change: Partial<QueueChoices>): void;
  sort: QueueSort;
  onSort(sort: QueueSort): void;
  onExport(format: ExportFormat): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="queue-filters">
      <input
        type="search"
        data-testid="queue-search"
        placeholder={t('ws.queue.search')}
        value={choices.text}
        onChange={(event) => choose({ text: event.target.value })}
      />
      <ChoiceFilters choices={choices} choose={choose} />
      <Toggle
        testId="queue-overdue-only"
        checked={choices.overdueOnly}
        label={t('ws.queue.overdueOnly')}
        onChange={(overdueOnly) => choose({ overdueOnly })}
      />
      <Toggle
        testId="queue-supervised-here"
        checked={choices.supervisedHere}
        label={t('ws.queue.supervisedHere')}
        onChange={(supervisedHere) => choose({ supervisedHere })}
      />
      <select
        value={sort}
        onChange={(event) => onSort(event.target.value as QueueSort)}
        aria-label={t('ws.queue.sort.label')}
      >
        {SORTS.map((choice) => (
          <option key={choice} value={choice}>
            {t(`ws.queue.sort.${choice}`)}
          </option>
        ))}
      </select>
      <span className="export-buttons">
        {t('ws.queue.export')}
        {EXPORT_FORMATS.map((format) => (
          <button key={format} data-testid={`export-${format}`} onClick={() => onExport(format)}>
            {format.toUpperCase()}
          </button>
        ))}
      </span>
    </div>
  );
}
