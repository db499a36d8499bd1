import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, QueueFilter, QueueRow, QueueSort } from '../../../src/core/contract/queue';
import {
  INCIDENT_CATEGORIES,
  INCIDENT_SOURCES,
  STAGES,
  TIMED_STAGES,
  type IncidentCategory,
  type IncidentSource,
  type MemberUnit,
  type Stage,
} from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useSessionStatus } from '../hooks/useDesktop';
import { download } from '../components/download';
import { QueueList } from './QueueList';
import { useQueueWindow } from './useQueueWindow';
import { useSay } from '../words/say';

const RISK_CHOICES = ['high', 'medium', 'low', 'ungraded'] as const;

type StageTab = 'open' | Stage;

/** A filter of one choice or none: "any" first, the choices after it. */
function AnyOrOne<T extends string>({
  any,
  value,
  onChange,
  choices,
  testId,
  names,
}: {
  any: string;
  value: T | '';
  onChange(value: T | ''): void;
  choices: readonly (readonly [T, string])[];
  testId?: string;
  /** The labels are names (units), not words to translate. */
  names?: boolean;
}) {
  return (
    <select
      value={value}
      data-testid={testId}
      translate={names ? 'no' : undefined}
      onChange={(event) => onChange(event.target.value as T | '')}
    >
      <option value="">{any}</option>
      {choices.map(([choice, label]) => (
        <option key={choice} value={choice}>
          {label}
        </option>
      ))}
    </select>
  );
}

export interface IncidentQueueProps {
  selectedId: string | null;
  onSelect(row: QueueRow): void;
}

/** The incident queue: filters, search, sort, counts per stage, and a virtualised list of any length. */
export function IncidentQueue({ selectedId, onSelect }: IncidentQueueProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const [stageTab, setStageTab] = useState<StageTab>('open');
  const [risk, setRisk] = useState<(typeof RISK_CHOICES)[number] | ''>('');
  const [category, setCategory] = useState<IncidentCategory | ''>('');
  const [source, setSource] = useState<IncidentSource | ''>('');
  const [unitId, setUnitId] = useState<string>('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [supervisedHere, setSupervisedHere] = useState(false);
  const ownCentre = useSessionStatus()?.operator?.jurisdiction;
  const [text, setText] = useState('');
  const [sort, setSort] = useState<QueueSort>('deadline');
  const [units, setUnits] = useState<MemberUnit[]>([]);
  const [exported, setExported] = useState<string | null>(null);

  useEffect(() => {
    void desktopApi.call('units.list', {}).then((result) => result.ok && setUnits(result.value));
  }, []);

  const filter: QueueFilter = {
    stages: stageTab === 'open' ? [...TIMED_STAGES] : [stageTab],
    ...(risk ? { risks: [risk] } : {}),
    ...(category ? { categories: [category] } : {}),
    ...(source ? { sources: [source] } : {}),
    ...(unitId ? { unitId } : {}),
    ...(overdueOnly ? { overdueOnly } : {}),
    ...(supervisedHere && ownCentre ? { supervisedBy: ownCentre } : {}),
    ...(text.trim() ? { text: text.trim() } : {}),
  };
  const queue = useQueueWindow(filter, sort);
  const { summary } = queue;

  // The latest onSelect, behind a callback that never changes, so the list need not re-render for a new one.
  const latestOnSelect = useRef(onSelect);
  latestOnSelect.current = onSelect;
  const select = useCallback((row: QueueRow) => latestOnSelect.current(row), []);

  const exportAs = async (format: ExportFormat) => {
    const result = await desktopApi.call('queue.export', { filter, sort, format });
    if (!result.ok) return setExported(say(result.error));
    download(result.value);
    setExported(t('ws.queue.exported', { count: result.value.count, file: result.value.fileName }));
  };

  const number = (n: number) => n.toLocaleString(i18n.language);
  const openCount = TIMED_STAGES.reduce((sum, stage) => sum + (summary.byStage[stage] ?? 0), 0);
  return (
    <section className="queue" data-testid="incident-queue">
      <header className="queue-header">
        <h2>{t('ws.queue.title')}</h2>
        <span data-testid="queue-total">
          {t('ws.queue.total', { count: summary.total, formatted: number(summary.total) })}
        </span>
        <span className="sla-overdue-count" data-testid="queue-overdue">
          {t('ws.queue.overdue', { count: summary.overdue })}
        </span>
        <span className="sla-due-soon-count">{t('ws.queue.dueSoon', { count: summary.dueSoon })}</span>
      </header>
      <nav className="stage-tabs" aria-label={t('incident.stage')}>
        {(['open', ...STAGES] as StageTab[]).map((tab) => (
          <button
            key={tab}
            className={tab === stageTab ? 'active' : ''}
            data-testid={`stage-tab-${tab}`}
            onClick={() => setStageTab(tab)}
          >
            {tab === 'open' ? t('ws.queue.open') : t(`stage.${tab}`)}
            <span className="tab-count">
              {number(tab === 'open' ? openCount : (summary.byStage[tab] ?? 0))}
            </span>
          </button>
        ))}
      </nav>
      <div className="queue-filters">
        <input
          type="search"
          data-testid="queue-search"
          placeholder={t('ws.queue.search')}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <AnyOrOne<(typeof RISK_CHOICES)[number]>
          testId="queue-risk"
          any={t('ws.queue.anyRisk')}
          value={risk}
          onChange={setRisk}
          choices={RISK_CHOICES.map((choice) => [choice, t(`risk.${choice}`)] as const)}
        />
        <AnyOrOne<IncidentCategory>
          any={t('ws.queue.anyCategory')}
          value={category}
          onChange={setCategory}
          choices={INCIDENT_CATEGORIES.map((choice) => [choice, t(`map.category.${choice}`)] as const)}
        />
        <AnyOrOne<IncidentSource>
          any={t('ws.queue.anySource')}
          value={source}
          onChange={setSource}
          choices={INCIDENT_SOURCES.map((choice) => [choice, t(`ws.source.${choice}`)] as const)}
        />
        <AnyOrOne
          any={t('ws.queue.anyUnit')}
          value={unitId}
          onChange={setUnitId}
          choices={units.map((unit) => [unit.id, unit.name] as const)}
          names
        />
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="queue-overdue-only"
            checked={overdueOnly}
            onChange={(event) => setOverdueOnly(event.target.checked)}
          />
          {t('ws.queue.overdueOnly')}
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            data-testid="queue-supervised-here"
            checked={supervisedHere}
            onChange={(event) => setSupervisedHere(event.target.checked)}
          />
          {t('ws.queue.supervisedHere')}
        </label>
        <select
          value={sort}
          onChange={(event) => setSort(event.target.value as QueueSort)}
          aria-label={t('ws.queue.sort.label')}
        >
          {(['deadline', 'updated', 'created', 'risk'] as const).map((choice) => (
            <option key={choice} value={choice}>
              {t(`ws.queue.sort.${choice}`)}
            </option>
          ))}
        </select>
        <span className="export-buttons">
          {t('ws.queue.export')}
          {(['csv', 'geojson', 'kml'] as const).map((format) => (
            <button key={format} data-testid={`export-${format}`} onClick={() => void exportAs(format)}>
              {format.toUpperCase()}
            </button>
          ))}
        </span>
      </div>
      {exported && <p className="notice queue-exported">{exported}</p>}
      <QueueList
        total={summary.total}
        loaded={queue.loaded}
        rows={queue.rows}
        showRange={queue.showRange}
        selectedId={selectedId}
        onSelect={select}
      />
    </section>
  );
}
