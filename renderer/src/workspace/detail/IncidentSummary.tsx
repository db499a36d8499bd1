import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import { can, type Role } from '../../../../src/domain';
import { desktopApi } from '../../api-client';
import { UnmaskButton } from '../../components/UnmaskButton';
import { formatClock, formatSpan } from '../time';

function DeadlineNote({ deadline }: { deadline: string }) {
  const { t, i18n } = useTranslation();
  const left = Date.parse(deadline) - Date.now();
  return (
    <span className={`queue-deadline ${left < 0 ? 'sla-overdue' : ''}`}>
      {' · '}
      {t('ws.detail.deadline', { time: formatClock(deadline, i18n.language) })} (
      {left < 0
        ? t('ws.sla.late', { time: formatSpan(left, i18n.language) })
        : t('ws.sla.left', { time: formatSpan(left, i18n.language) })}
      )
    </span>
  );
}

/** The incident's title and risk, its stage and deadline: the detail's head. */
export function IncidentHeading({ detail, onClose }: { detail: IncidentDetail; onClose(): void }) {
  const { t } = useTranslation();
  const { incident } = detail;
  const risk = incident.riskLevel ?? 'ungraded';
  return (
    <>
      <header>
        <span className={`risk risk-${risk}`}>{t(`risk.${risk}`)}</span>
        <h2 translate="no">{incident.title}</h2>
        <button className="close" onClick={onClose} aria-label={t('ws.detail.close')}>
          ×
        </button>
      </header>
      <p className="detail-line">
        <span className="mono">{incident.id}</span> ·{' '}
        <span data-testid="detail-stage">{t(`stage.${incident.stage}`)}</span>
        {detail.deadline && <DeadlineNote deadline={detail.deadline} />}
      </p>
    </>
  );
}

/**
 * What the incident is, where, who reported it, and the report's own words. The reporter's phone comes masked;
 * a role allowed to unmask sees it whole on request.
 */
export function IncidentFacts({ incident, role }: { incident: IncidentDetail['incident']; role: Role }) {
  const { t } = useTranslation();
  return (
    <>
      <dl className="detail-facts">
        <dt>{t('ws.detail.category')}</dt>
        <dd>{t(`map.category.${incident.category}`)}</dd>
        <dt>{t('ws.detail.source')}</dt>
        <dd>{t(`ws.source.${incident.source}`)}</dd>
        <dt>{t('ws.detail.address')}</dt>
        <dd translate="no">{incident.address}</dd>
        {incident.reporter?.name && (
          <>
            <dt>{t('ws.detail.reporter')}</dt>
            <dd translate="no">{incident.reporter.name}</dd>
          </>
        )}
        {incident.reporter?.phone && (
          <>
            <dt>{t('ws.detail.reporterPhone')}</dt>
            <dd translate="no" data-testid="reporter-phone">
              {incident.reporter.phone}
              {can(role, 'unmask-personal-data') && (
                <UnmaskButton
                  label={incident.reporter.name ?? incident.title}
                  testId="reporter-unmask"
                  reveal={() => desktopApi.call('incidents.unmaskReporter', { id: incident.id })}
                />
              )}
            </dd>
          </>
        )}
      </dl>
      {incident.description && (
        <p className="detail-description" translate="no">
          {incident.description}
        </p>
      )}
    </>
  );
}
