import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../src/core/contract/queue';
import { formatClock, formatSpan } from './time';
import type { QueueRows } from './queue-rows';

const ROW_HEIGHT = 60;

interface QueueItemProps {
  row: QueueRow;
  selected: boolean;
  onSelect(row: QueueRow): void;
  /** From the list: a translation hook in every row costs more than the row itself. */
  t: TFunction;
  language: string;
}

/**
 * A row re-renders only when its incident or its selection changes: while scrolling, every arriving block
 * re-renders the list, and the rows already on screen are the same objects.
 */
const QueueItem = memo(
  function QueueItem({ row, selected, onSelect, t, language }: QueueItemProps) {
    const risk = row.riskLevel ?? 'ungraded';
    const left = row.deadline === null ? null : Date.parse(row.deadline) - Date.now();
    return (
      <button
        className={`queue-item sla-${row.sla}${selected ? ' selected' : ''}`}
        data-testid="queue-item"
        data-incident-id={row.id}
        data-sla={row.sla}
        onClick={() => onSelect(row)}
      >
        <span className={`risk risk-${risk}`}>{t(`risk.${risk}`)}</span>
        <span className="queue-title" translate="no">
          {row.title}
        </span>
        <span className="queue-stage">
          {t(`stage.${row.stage}`)}
          {row.escalationLevel > 0 && (
            <span className="queue-escalated" data-testid="queue-escalated">
              {' · '}
              {t('ws.queue.escalated', { level: row.escalationLevel })}
            </span>
          )}
        </span>
        <span className="queue-meta mono">{row.id}</span>
        <span className="queue-meta" translate="no">
          {row.address}
        </span>
        <span
          className={`queue-deadline sla-${row.sla}`}
          title={row.deadline ? formatClock(row.deadline, language) : ''}
        >
          {left === null
            ? t('ws.sla.none')
            : left < 0
              ? t('ws.sla.late', { time: formatSpan(left, language) })
              : t('ws.sla.left', { time: formatSpan(left, language) })}
        </span>
      </button>
    );
  },
  (before, after) =>
    before.row === after.row && before.selected === after.selected && before.language === after.language,
);

export interface QueueListProps {
  total: number;
  loaded: boolean;
  rows: QueueRows;
  showRange(first: number, last: number): void;
  selectedId: string | null;
  onSelect(row: QueueRow): void;
}

/**
 * The virtualised rows of the queue. Scrolling re-renders this list alone (the virtualiser renders
 * synchronously on every scroll event), never the filters and counts above it.
 */
export const QueueList = memo(function QueueList({
  total,
  loaded,
  rows,
  showRange,
  selectedId,
  onSelect,
}: QueueListProps) {
  const { t, i18n } = useTranslation();
  useSyncExternalStore(rows.subscribe, rows.getRevision);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => showRange(first, last), [showRange, first, last]);

  return (
    <div className="queue-list" ref={scroller} data-testid="queue-list">
      {loaded && total === 0 && <p className="notice">{t('ws.queue.empty')}</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rows.get(item.index);
          return (
            <div
              key={item.key}
              className="queue-slot"
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
            >
              {row ? (
                <QueueItem
                  row={row}
                  selected={row.id === selectedId}
                  onSelect={onSelect}
                  t={t}
                  language={i18n.language}
                />
              ) : (
                <div className="queue-item placeholder">{t('ws.queue.loadingRow')}</div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
});
