import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { TIMED_STAGES } from '../../../src/domain';
import { useLiveQuery } from '../hooks/useDesktop';
import { formatChinaTime } from '../words/china-time';
import { SoundBlockedBar } from '../links/SoundBlockedBar';
import { useLinks } from '../links/useLinks';
import { useSay } from '../words/say';

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

/** Which link is down and since when, or the hub connection as the core reports it. */
function ConnectionState({ status }: { status: SessionStatus }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const { down } = useLinks();
  if (!down && status.hubRefusal?.code === 'roleSeesNoSituation') {
    // Not offline: this role is given no live stream by design, and says so rather than claim a lost link.
    return (
      <span className="status-connection" data-testid="status-connection">
        {say(status.hubRefusal)}
      </span>
    );
  }
  if (!down) {
    return (
      <span className={`status-connection status-${status.connection}`} data-testid="status-connection">
        <span className="status-dot" aria-hidden="true" />
        {t(`status.connection.${status.connection}`)}
        {/* A hub of another protocol version refuses this desktop: retrying cannot help, so say why. */}
        {status.hubRefusal && ` · ${say(status.hubRefusal)}`}
        {status.signInRefusal && (
          <span data-testid="status-sign-in"> · {t(`status.signInRefusal.${status.signInRefusal}`)}</span>
        )}
      </span>
    );
  }
  return (
    <span className="status-connection status-down" data-testid="status-connection" data-link={down.link}>
      <span className="status-dot" aria-hidden="true" />
      {t(`links.down.${down.link}`)}
      {down.since !== null && ` · ${t('links.since', { time: formatChinaTime(down.since, i18n.language) })}`}
      {status.signInRefusal && (
        <span data-testid="status-sign-in"> · {t(`status.signInRefusal.${status.signInRefusal}`)}</span>
      )}
    </span>
  );
}

/** Hub connection, sync lag, queued actions, locked or not, peacetime/wartime, who is signed in, in what role and where. */
export function StatusBar({
  status,
  situation,
}: {
  status: SessionStatus | undefined;
  /** Whether this role sees the situation: the deadlines and the chime belong to it. */
  situation: boolean;
}) {
  const { t } = useTranslation();
  const { down, dataAsOf } = useLinks();
  if (!status) return <footer className="status-bar" />;
  return (
    <footer
      className={`status-bar${down ? ' links-down' : ''}`}
      data-testid="status-bar"
      data-links={down ? `${down.link}-down` : 'up'}
    >
      <ConnectionState status={status} />
      {/* A lag or a queue the core can no longer report is not shown as if it were known. */}
      {down ? (
        dataAsOf && <span data-testid="status-data-as-of">{dataAsOf}</span>
      ) : (
        <span data-testid="status-lag">{t('status.lag', { count: status.lag })}</span>
      )}
      {down?.link !== 'core' && (
        <span data-testid="status-outbox">{t('status.outbox', { count: status.outboxPending })}</span>
      )}
      {status.locked && (
        <span className="status-locked" data-testid="status-locked">
          {t('status.locked')}
        </span>
      )}
      <span className={`status-mode mode-${status.mode}`} data-testid="status-mode">
        {t(`mode.${status.mode}`)}
      </span>
      {situation && down?.link !== 'core' && <DeadlineCounter />}
      {situation && <SoundBlockedBar />}
      <span className="status-operator" data-testid="status-operator">
        {status.operator ? (
          <>
            {/* The person's name and post are theirs, in whatever language they were entered. */}
            <span translate="no">{status.operator.person ?? status.operator.name}</span>
            {t('status.operatorRole', { role: t(`role.${status.operator.role}`) })}
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
