import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/core/contract/api';
import type { Incident } from '../../../src/domain';
import { recordText } from './record-text';
import { formatClock } from './time';

/**
 * What changed since the operator began a form, in words, and what they can do about it: go on against the case
 * as it is now, where the action is still open, or drop what they typed.
 */
export function ChangedSince({
  detail,
  base,
  stillAllowed,
  onReapply,
  onDiscard,
}: {
  detail: IncidentDetail;
  base: Incident;
  stillAllowed: boolean;
  onReapply(): void;
  onDiscard(): void;
}) {
  const { t, i18n } = useTranslation();
  const changes = detail.timeline.filter((record) => {
    const version = (record.payload as { incident?: { version?: number } }).incident?.version;
    return version !== undefined && version > base.version;
  });
  return (
    <div className="notice draft-changed" data-testid="draft-changed" role="status">
      <p>{t('ws.action.changedWhileTyping')}</p>
      <ul>
        {changes.map((record) => (
          <li key={record.seq}>
            {formatClock(record.at, i18n.language)} · {record.actor ?? t('ws.action.bySystem')} ·{' '}
            {recordText(record, detail, t)}
          </li>
        ))}
      </ul>
      {!stillAllowed && <p data-testid="draft-not-allowed">{t('ws.action.noLongerAllowed')}</p>}
      <div className="form-buttons">
        {stillAllowed && (
          <button type="button" className="primary" data-testid="draft-reapply" onClick={onReapply}>
            {t('ws.action.reapply')}
          </button>
        )}
        <button type="button" data-testid="draft-discard" onClick={onDiscard}>
          {t('ws.action.discard')}
        </button>
      </div>
    </div>
  );
}
