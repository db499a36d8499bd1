import { useTranslation } from 'react-i18next';
import { STAGES, TIMED_STAGES } from '../../../../src/domain';
import type { QueueSummary } from '../useQueueWindow';
import type { StageTab } from './queue-choices';

/** The queue's title and its counts: all, overdue, due soon. */
export function QueueHeader({ summary }: { summary: QueueSummary }) {
  const { t, i18n } = useTranslation();
  return (
    <header className="queue-header">
      <h2>{t('ws.queue.title')}</h2>
      <span data-testid="queue-total">
        {t('ws.queue.total', {
          count: summary.total,
          formatted: summary.total.toLocaleString(i18n.language),
        })}
      </span>
      <span className="sla-overdue-count" data-testid="queue-overdue">
        {t('ws.queue.overdue', { count: summary.overdue })}
      </span>
      <span className="sla-due-soon-count">{t('ws.queue.dueSoon', { count: summary.dueSoon })}</span>
    </header>
  );
}

/** A tab for the open incidents and one for each stage, each with its count. */
export function StageTabs({
  summary,
  stageTab,
  onStageTab,
}: {
  summary: QueueSummary;
  stageTab: StageTab;
  onStageTab(tab: StageTab): void;
}) {
  const { t, i18n } = useTranslation();
  const openCount = TIMED_STAGES.reduce((sum, stage) => sum + (summary.byStage[stage] ?? 0), 0);
  return (
    <nav className="stage-tabs" aria-label={t('incident.stage')}>
      {(['open', ...STAGES] as StageTab[]).map((tab) => (
        <button
          key={tab}
          className={tab === stageTab ? 'active' : ''}
          data-testid={`stage-tab-${tab}`}
          onClick={() => onStageTab(tab)}
        >
          {tab === 'open' ? t('ws.queue.open') : t(`stage.${tab}`)}
          <span className="tab-count">
            {(tab === 'open' ? openCount : (summary.byStage[tab] ?? 0)).toLocaleString(i18n.language)}
          </span>
        </button>
      ))}
    </nav>
  );
}
