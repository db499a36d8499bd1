import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DocumentPreview } from '../documents/DocumentPreview';
import type { IncidentDetail as Detail, OutboxEntryView } from '../../../src/core/contract/api';
import { PRESENCE_RENEW_MS, type Viewer } from '../../../src/core/contract/presence';
import {
  availableActions,
  isAcknowledgementLate,
  wording,
  type Role,
  type Wording,
} from '../../../src/domain';
import { desktopApi } from '../api-client';
import { ActionPanel } from './ActionPanel';
import { acknowledgementParts, recordText } from './record-text';
import { formatClock, formatSpan } from './time';
import { useIncidentCommands } from './useIncidentCommands';
import { useSay } from '../words/say';

/** The incident's detail, fetched again whenever the cache changes something of it. */
function useIncidentDetail(id: string): Detail | null | undefined {
  const [detail, setDetail] = useState<Detail | null | undefined>(undefined);
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      void desktopApi.call('incident.get', { id }).then((result) => {
        if (!cancelled) setDetail(result.ok ? result.value : null);
      });
    setDetail(undefined);
    load();
    const stop = desktopApi.on('changed', (change) => {
      const touched =
        change.ids === null ||
        change.ids.incident?.includes(id) ||
        change.ids.order?.some((orderId) => orderId.startsWith(`${id}/`)) ||
        (change.ids.note?.length ?? 0) > 0 ||
        change.kinds.includes('mode');
      if (touched) load();
    });
    return () => {
      cancelled = true;
      stop();
    };
  }, [id]);
  return detail;
}

/** Who else has the incident open, as the hub reports it; this screen's own account is left out. */
function usePresence(id: string, self: string | undefined): Viewer[] {
  const [viewers, setViewers] = useState<Viewer[]>([]);
  useEffect(() => {
    setViewers([]);
    let cancelled = false;
    // Restated while the page shows it, so the others' screens drop this one within seconds of it closing.
    const restate = () =>
      void desktopApi
        .call('incident.open', { id })
        .then((result) => !cancelled && result.ok && setViewers(result.value.viewers));
    restate();
    const renewal = setInterval(restate, PRESENCE_RENEW_MS);
    const stop = desktopApi.on(
      'presence',
      (presence) => presence.incidentId === id && setViewers(presence.viewers),
    );
    return () => {
      cancelled = true;
      clearInterval(renewal);
      stop();
      void desktopApi.call('incident.open', { id: null });
    };
  }, [id]);
  return viewers.filter((viewer) => viewer.accountId !== self);
}

function CommandLine({ entry, detail }: { entry: OutboxEntryView; detail: Detail }) {
  const say = useSay();
  const { t, i18n } = useTranslation();
  const base = 'baseVersion' in entry.command ? entry.command.baseVersion : null;
  const since =
    entry.code === 'stale-version' && base !== null
      ? detail.timeline.filter((record) => {
          const version = (record.payload as { incident?: { version?: number } }).incident?.version;
          return version !== undefined && version > base;
        })
      : [];
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

export function IncidentDetail({
  id,
  role,
  self,
  onClose,
}: {
  id: string;
  role: Role;
  self?: string;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const detail = useIncidentDetail(id);
  const viewers = usePresence(id, self);
  const commands = useIncidentCommands(id);
  const [submitError, setSubmitError] = useState<Wording | null>(null);
  const [drafting, setDrafting] = useState(false);

  if (detail === undefined)
    return <section className="incident-detail notice">{t('ws.detail.loading')}</section>;
  if (detail === null) return <section className="incident-detail notice">{t('ws.detail.gone')}</section>;
  const { incident } = detail;
  const risk = incident.riskLevel ?? 'ungraded';
  const left = detail.deadline ? Date.parse(detail.deadline) - Date.now() : null;
  const now = new Date().toISOString();
  // A 督办通知书 is drafted where the operator may issue one now, or printed once one was issued.
  const mayBeSupervised =
    incident.stage !== 'closed' &&
    (detail.notice !== null ||
      availableActions(incident, role, { at: now, mode: detail.mode, sla: detail.sla }).includes(
        'issueSupervisionNotice',
      ));

  return (
    <section
      className="incident-detail"
      data-testid="incident-detail"
      data-incident-id={incident.id}
      data-version={incident.version}
    >
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
        {left !== null && (
          <span className={`queue-deadline ${left < 0 ? 'sla-overdue' : ''}`}>
            {' · '}
            {t('ws.detail.deadline', { time: formatClock(detail.deadline!, i18n.language) })} (
            {left < 0
              ? t('ws.sla.late', { time: formatSpan(left, i18n.language) })
              : t('ws.sla.left', { time: formatSpan(left, i18n.language) })}
            )
          </span>
        )}
      </p>
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
      <p className="presence" data-testid="presence">
        {viewers.length > 0
          ? t('ws.detail.alsoViewing', {
              names: viewers.map((v) => `${v.name}（${t(`role.${v.role}`)}）`).join('、'),
            })
          : t('ws.detail.onlyYou')}
      </p>
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
      </dl>
      {incident.description && (
        <p className="detail-description" translate="no">
          {incident.description}
        </p>
      )}

      {detail.orders.length > 0 && (
        <section className="orders" data-testid="orders">
          <h3>{t('ws.detail.orders')}</h3>
          <ul>
            {detail.orders.map((order) => {
              const late = isAcknowledgementLate(order, now);
              return (
                <li
                  key={order.id}
                  data-testid="order"
                  data-unit-id={order.unitId}
                  data-acknowledged={order.acknowledgement ? 'yes' : 'no'}
                  className={`${order.acknowledgement ? 'acknowledged' : 'waiting'}${late ? ' late' : ''}`}
                >
                  <span translate="no">{detail.unitNames[order.unitId] ?? order.unitId}</span>
                  <span>
                    {order.acknowledgement
                      ? t('ws.detail.acknowledged', {
                          time: formatClock(order.acknowledgement.acknowledgedAt, i18n.language),
                        }) + Object.values(acknowledgementParts(order.acknowledgement, t)).join('')
                      : t('ws.detail.waiting', { time: formatClock(order.acknowledgeBy, i18n.language) })}
                  </span>
                  {late && <span className="late-flag">{t('ws.detail.lateAck')}</span>}
                </li>
              );
            })}
          </ul>
        </section>
      )}

      <ActionPanel
        detail={detail}
        role={role}
        onSubmit={(draft) => {
          setSubmitError(null);
          void commands.submit(draft).then(setSubmitError);
        }}
      />
      {submitError && <p className="notice error">{say(submitError)}</p>}
      {commands.entries.length > 0 && (
        <section className="my-commands">
          <h3>{t('ws.action.mine')}</h3>
          <ul>
            {commands.entries.map((entry) => (
              <CommandLine key={entry.commandId} entry={entry} detail={detail} />
            ))}
          </ul>
        </section>
      )}

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
    </section>
  );
}
