import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFormat, QueueFilter, QueueRow, QueueSort } from '../../../src/core/contract/queue';
import { desktopApi } from '../api-client';
import { download } from '../components/download';
import { QueueFilters } from './queue/QueueFilters';
import { QueueHeader, StageTabs } from './queue/QueueHeader';
import { useQueueChoices } from './queue/queue-choices';
import { QueueList } from './QueueList';
import { useQueueWindow } from './useQueueWindow';
import { useSay } from '../words/say';

export interface IncidentQueueProps {
  selectedId: string | null;
  onSelect(row: QueueRow): void;
}

/** Exports the queue as filtered and sorted to a file; says what was written, or why not. */
function useQueueExport(filter: QueueFilter, sort: QueueSort) {
  const { t } = useTranslation();
  const say = useSay();
  const [exported, setExported] = useState<string | null>(null);
  const exportAs = async (format: ExportFormat) => {
    const result = await desktopApi.call('queue.export', { filter, sort, format });
    if (!result.ok) return setExported(say(result.error));
    download(result.value);
    setExported(t('ws.queue.exported', { count: result.value.count, file: result.value.fileName }));
  };
  return { exported, exportAs };
}

/** The incident queue: filters, search, sort, counts per stage, and a virtualised list of any length. */
export function IncidentQueue({ selectedId, onSelect }: IncidentQueueProps) {
  const { choices, choose, filter } = useQueueChoices();
  const [sort, setSort] = useState<QueueSort>('deadline');
  const queue = useQueueWindow(filter, sort);
  const { summary } = queue;
  const { exported, exportAs } = useQueueExport(filter, sort);

  // The latest onSelect, behind a callback that never changes, so the list need not re-render for a new one.
  const latestOnSelect = useRef(onSelect);
  latestOnSelect.current = onSelect;
  const select = useCallback((row: QueueRow) => latestOnSelect.current(row), []);

  return (
    <section className="queue" data-testid="incident-queue">
      <QueueHeader summary={summary} />
      <StageTabs
        summary={summary}
        stageTab={choices.stageTab}
        onStageTab={(stageTab) => choose({ stageTab })}
      />
      <QueueFilters
        choices={choices}
        choose={choose}
        sort={sort}
        onSort={setSort}
        onExport={(format) => void exportAs(format)}
      />
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
