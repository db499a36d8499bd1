import { useTranslation } from 'react-i18next';
import type { IncidentDetail, OutboxEntryView } from '../../../../src/core/contract/api';
import { wording } from '../../../../src/domain';
import { useSay } from '../../words/say';
import { recordText } from '../record-text';
import { formatClock } from '../time';

/** What changed in the incident since the version a refused command was drafted against. */
function changedSince(entry: OutboxEntryView, detail: IncidentDetail) {
  const base = 'baseVersion' in entry.command ? entry.command.baseVersion : null;
  if (entry.code !== 'stale-version' || base === null) return [];
  return detail.timeline.filter((record) => {
    const version = (record.payload as { incident?: { version?: number } }).incident?.version;
    return version !== undefined && version > base;
  });
}

function CommandLine({ entry, detail }: { entry: OutboxEntryView; detail: IncidentDetail }) {
  const say = useSay();
  const { t, i18n } = useTranslation();
  const since = changedSince(entry, detail);
  return (
    <li className={`command command-${entry.status}`} data-testid="command-entry" data-status={entry.status}>
      <span className="command-type">{t(`words.action.${entry.command.type}`)}</span>
      <span>
        {entry.status === 'pending'
          ? t('ws.action.pending')
          : entry.status === 'accepted'
            ? t('ws.action.accepted')
            : t('ws.action.refused', { reason: say(entry.words ?? wording('unexpected')) })}
      </span>
      {since.length > 0 && (
        <div className="stale-changes" data-testid="stale-changes">
          {t('ws.action.stale')}
          <ul>
            {since.map((record) => (
              <li key={record.seq}>
                {formatClock(record.at, i18n.language)} · {record.actor ?? '—'} ·{' '}
                {recordText(record, detail, t)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

/** The commands this screen sent for the incident, and what became of each. */
export function CommandList({ entries, detail }: { entries: OutboxEntryView[]; detail: IncidentDetail }) {
  const { t } = useTranslation();
  if (entries.length === 0) return null;
  return (
    <section className="my-commands">
      <h3>{t('ws.action.mine')}</h3>
      <ul>
        {entries.map((entry) => (
          <CommandLine key={entry.commandId} entry={entry} detail={detail} />
        ))}
      </ul>
    </section>
  );
}
