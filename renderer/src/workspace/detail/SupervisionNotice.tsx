import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import { availableActions, type Role } from '../../../../src/domain';
import { DocumentPreview } from '../../documents/DocumentPreview';

/**
 * A 督办通知书 is drafted where the operator may issue one now, or printed once one was issued; a closed
 * incident has none to offer.
 */
export function SupervisionNotice({
  detail,
  role,
  now,
}: {
  detail: IncidentDetail;
  role: Role;
  now: string;
}) {
  const { t } = useTranslation();
  const [drafting, setDrafting] = useState(false);
  const { incident } = detail;
  const mayBeSupervised =
    incident.stage !== 'closed' &&
    (detail.notice !== null ||
      availableActions(incident, role, { at: now, mode: detail.mode, sla: detail.sla }).includes(
        'issueSupervisionNotice',
      ));
  return (
    <>
      {mayBeSupervised && (
        <p className="detail-documents">
          <button data-testid="draft-notice" onClick={() => setDrafting(true)}>
            {t('documents.notice')}
          </button>
        </p>
      )}
      {drafting && (
        <DocumentPreview
          request={{ kind: 'supervisionNotice', input: { incidentId: incident.id } }}
          onClose={() => setDrafting(false)}
        />
      )}
    </>
  );
}
