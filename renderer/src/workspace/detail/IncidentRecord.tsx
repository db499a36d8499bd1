import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import { recordText } from '../record-text';
import { formatClock } from '../time';

/** The incident's record: everything that happened to it, oldest first. */
export function IncidentRecord({ detail }: { detail: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="record" data-testid="record">
      <h3>{t('ws.detail.record')}</h3>
      <ol>
        {detail.timeline.map((entry) => (
          <li key={entry.seq} data-testid="record-entry" data-type={entry.type}>
            <time>{formatClock(entry.at, i18n.language)}</time>
            <span className="record-actor" translate="no">
              {entry.actor ?? '—'}
            </span>
            <span className="record-text">{recordText(entry, detail, t)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
