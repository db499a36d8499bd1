import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/core/contract/api';
import {
  ACTION_LABELS,
  availableActions,
  can,
  type CommandDraft,
  type Incident,
  type IncidentActionChoice,
  type Role,
} from '../../../src/domain';
import { useLinks } from '../links/useLinks';
import { ChangedSince } from './ChangedSince';
import { ActionForm } from './forms/ActionForm';

/** The time now, moved on every `everyMs`: an action can open or close as a deadline passes. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * Only the actions the hub will accept are offered: the domain's one rule, under the mode, the tables and the clock.
 * A form begun on the case keeps what was typed when someone else moves the case on, says what changed, and waits
 * for the operator to go on against the new state or to drop it.
 */
export function ActionPanel({
  detail,
  role,
  onSubmit,
}: {
  detail: IncidentDetail;
  role: Role;
  onSubmit(draft: CommandDraft): void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<{ choice: IncidentActionChoice; base: Incident } | null>(null);
  const { actionBlocked, actionNote } = useLinks();
  useEffect(() => setOpen(null), [detail.incident.id]);
  const now = useNow(30_000);
  const { incident } = detail;
  const choices: IncidentActionChoice[] = [
    ...availableActions(incident, role, {
      at: new Date(now).toISOString(),
      mode: detail.mode,
      sla: detail.sla,
    }),
    ...(can(role, 'add-notes') ? (['addNote'] as const) : []),
  ];
  const stale = open !== null && open.base.version !== incident.version;
  const label = (choice: IncidentActionChoice) =>
    choice === 'addNote'
      ? t('ws.action.addNote')
      : ACTION_LABELS[choice][i18n.language === 'en' ? 'en' : 'zh'];
  const toggle = (choice: IncidentActionChoice) =>
    setOpen(open?.choice === choice ? null : { choice, base: incident });
  return (
    <section className="action-panel" data-testid="action-panel">
      <h3>{t('ws.action.title')}</h3>
      {choices.length === 0 ? (
        <p className="notice">{t('ws.action.none')}</p>
      ) : (
        <div className="action-buttons">
          {choices.map((choice) => (
            <button
              key={choice}
              data-testid={`action-${choice}`}
              className={open?.choice === choice ? 'active' : ''}
              disabled={stale || actionBlocked !== null}
              title={actionBlocked ?? actionNote ?? undefined}
              onClick={() => toggle(choice)}
            >
              {label(choice)}
            </button>
          ))}
        </div>
      )}
      {(actionBlocked ?? actionNote) && (
        <p className="links-blocked-reason" data-testid="action-links-reason" role="status">
          {actionBlocked ?? actionNote}
        </p>
      )}
      {open && stale && (
        <ChangedSince
          detail={detail}
          base={open.base}
          stillAllowed={choices.includes(open.choice)}
          onReapply={() => setOpen({ choice: open.choice, base: incident })}
          onDiscard={() => setOpen(null)}
        />
      )}
      {open && (
        <ActionForm
          key={open.choice}
          action={open.choice}
          detail={detail}
          base={open.base}
          stale={stale}
          onCancel={() => setOpen(null)}
          onSubmit={(draft) => {
            onSubmit(draft);
            setOpen(null);
          }}
        />
      )}
    </section>
  );
}
