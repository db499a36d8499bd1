import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { TIMED_STAGES } from '../../../src/domain';
import { useLiveQuery } from '../hooks/useDesktop';

const DEADLINE_KINDS = ['incident', 'mode', 'sla'] as const;

/** Overdue and due-soon counts over every open incident in scope, as the queue computes them. */
function DeadlineCounter() {
  const { t } = useTranslation();
  const queue = useLiveQuery(
    'queue.window',
    { filter: { stages: [...TIMED_STAGES] }, limit: 1 },
    DEADLINE_KINDS,
    5000,
  );
  if (queue.state !== 'ready') return null;
  return (
    <>
      <span className="status-overdue" data-testid="status-overdue">
        {t('ws.status.overdue', { count: queue.value.overdue })}
      </span>
      <span className="status-due-soon">{t('ws.status.dueSoon', { count: queue.value.dueSoon })}</span>
    </>
  );
}

/** Hub connection, sync lag, queued actions, peacetime/wartime, who is signed in and where. */
export function StatusBar({ status }: { status: SessionStatus | undefined }) {
  const { t } = useTranslation();
  if (!status) return <footer className="status-bar" />;
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`status-connection status-${status.connection}`} data-testid="status-connection">
        <span className="status-dot" aria-hidden="true" />
        {t(`status.connection.${status.connection}`)}
      </span>
      <span data-testid="status-lag">{t('status.lag', { count: status.lag })}</span>
      <span data-testid="status-outbox">{t('status.outbox', { count: status.outboxPending })}</span>
      <span className={`status-mode mode-${status.mode}`} data-testid="status-mode">
        {t(`mode.${status.mode}`)}
      </span>
      <DeadlineCounter />
      <span className="status-operator" data-testid="status-operator">
        {status.operator ? (
          <>
            {t('status.operator', {
              name: status.operator.person ?? status.operator.name,
              role: t(`role.${status.operator.role}`),
            })}
            {' · '}
            <span translate="no">{status.operator.jurisdictionName ?? status.operator.jurisdiction}</span>
          </>
        ) : (
          t('status.signedOut')
        )}
      </span>
      <span className="status-cursor">{t('status.cursor', { cursor: status.cursor })}</span>
    </footer>
  );
}
