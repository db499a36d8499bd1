import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toMillis, wording, type Handover, type Shift, type Wording } from '../../../src/domain';
import type { SessionStatus } from '../../../src/core/contract/api';
import { formatChinaClock } from '../workspace/time';
import { desktopApi } from '../api-client';
import { submitCommand, type CommandDraft } from '../workspace/submit-command';
import { useSay } from '../words/say';

interface SignOffProps {
  shift: Shift;
  scope: string;
  handovers: readonly Handover[];
  names: Record<string, string>;
  operator: SessionStatus['operator'];
}

type Sending =
  { state: 'idle' } | { state: 'sending'; commandId: string | null } | { state: 'refused'; words: Wording };

/**
 * The two signatures of a handover: the outgoing operator hands the shift in with notes, the incoming one
 * signs it off. Both go through the outbox, so they are kept and sent when the hub is out of reach; the
 * hub's answer arrives as an event.
 */
export function HandoverSignOff({ shift, scope, handovers, names, operator }: SignOffProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const [notes, setNotes] = useState('');
  const [remark, setRemark] = useState('');
  const [sending, setSending] = useState<Sending>({ state: 'idle' });
  const handover = handovers.find((candidate) => candidate.shift.start === shift.start) ?? handovers[0];
  const nameOf = (accountId: string) => names[accountId] ?? t('words.someone');
  const awaited = sending.state === 'sending' ? sending.commandId : null;

  useEffect(() => {
    if (!awaited) return;
    return desktopApi.on('command-settled', (settled) => {
      if (settled.commandId !== awaited) return;
      setSending(
        settled.status === 'refused'
          ? { state: 'refused', words: settled.words ?? wording('unexpected') }
          : { state: 'idle' },
      );
    });
  }, [awaited]);

  const send = async (draft: CommandDraft) => {
    setSending({ state: 'sending', commandId: null });
    const result = await submitCommand(draft);
    if (!result.ok) setSending({ state: 'refused', words: result.error });
    else setSending({ state: 'sending', commandId: result.value.commandId });
  };

  const started = toMillis(shift.start) <= Date.now();
  const canSign = operator !== null && operator.role !== 'viewer';
  return (
    <section className="handover-sign-off" data-testid="handover-sign-off">
      <h3>{t('handover.signOff.heading')}</h3>
      {!handover && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            void send({ type: 'submitHandover', jurisdictionCode: scope, shift, notes: notes.trim() });
          }}
        >
          <label htmlFor="handover-notes">{t('handover.signOff.notes')}</label>
          <textarea
            id="handover-notes"
            data-testid="handover-notes"
            value={notes}
            rows={5}
            maxLength={2000}
            placeholder={t('handover.signOff.notesPlaceholder')}
            onChange={(event) => setNotes(event.target.value)}
          />
          {!started && <p className="muted">{t('handover.signOff.notStarted')}</p>}
          <button
            type="submit"
            data-testid="handover-submit"
            disabled={!canSign || !started || notes.trim() === '' || sending.state === 'sending'}
          >
            {sending.state === 'sending' ? t('handover.signOff.sending') : t('handover.signOff.submit')}
          </button>
        </form>
      )}
      {handover && (
        <div className="handover-record" data-testid="handover-record">
          <p data-testid="handover-submitted">
            {t('handover.signOff.submitted', {
              by: nameOf(handover.submittedBy),
              at: formatChinaClock(handover.submittedAt, i18n.language),
            })}
          </p>
          <blockquote translate="no">{handover.notes}</blockquote>
          {handover.acceptance ? (
            <p className="accepted" data-testid="handover-accepted">
              ✓{' '}
              {t('handover.signOff.accepted', {
                by: nameOf(handover.acceptance.by),
                at: formatChinaClock(handover.acceptance.at, i18n.language),
              })}
              {handover.acceptance.note && <span translate="no">：{handover.acceptance.note}</span>}
            </p>
          ) : handover.submittedBy === operator?.accountId ? (
            <p className="muted" data-testid="handover-awaiting">
              {t('handover.signOff.awaiting')} · {t('handover.signOff.ownShift')}
            </p>
          ) : (
            <form
              onSubmit={(event) => {
                event.preventDefault();
                void send({ type: 'acceptHandover', handoverId: handover.id, note: remark.trim() });
              }}
            >
              <p className="muted">{t('handover.signOff.awaiting')}</p>
              <label htmlFor="handover-remark">{t('handover.signOff.acceptNote')}</label>
              <input
                id="handover-remark"
                data-testid="handover-remark"
                value={remark}
                maxLength={2000}
                onChange={(event) => setRemark(event.target.value)}
              />
              <button
                type="submit"
                data-testid="handover-accept"
                disabled={!canSign || sending.state === 'sending'}
              >
                {sending.state === 'sending' ? t('handover.signOff.sending') : t('handover.signOff.accept')}
              </button>
            </form>
          )}
        </div>
      )}
      {sending.state === 'refused' && (
        <p className="notice error" role="alert">
          {t('handover.signOff.refused', { reason: say(sending.words) })}
        </p>
      )}
    </section>
  );
}
