import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../src/core/contract/api';
import {
  ACTION_LABELS,
  CHINA_OFFSET_MS,
  DIFFICULTIES,
  REASON_MIN_LENGTH,
  RISK_LEVELS,
  SATISFACTIONS,
  availableActions,
  can,
  type Incident,
  type Difficulty,
  type LifecycleActionType,
  type MemberUnit,
  type RiskLevel,
  type Role,
  type Satisfaction,
} from '../../../src/domain';
import { desktopApi } from '../api-client';
import { useLinks } from '../links/useLinks';
import { recordText } from './record-text';
import { DateTimePicker } from '../components/DatePickers';
import type { CommandDraft } from './submit-command';
import { formatClock } from './time';

type ActionChoice = LifecycleActionType | 'addNote';

/** A moment as China's wall clock shows it (YYYY-MM-DDTHH:mm), whatever the computer's time zone. */
function chinaClockValue(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16);
}

interface FormProps {
  detail: IncidentDetail;
  /** The incident as it stood when the operator began the form: the command is based on this version. */
  base: Incident;
  /** The incident has changed since `base`: the form keeps what was typed but sends nothing until re-applied. */
  stale: boolean;
  onSubmit(draft: CommandDraft): void;
  onCancel(): void;
}

function ActionForm({
  action,
  detail,
  base,
  stale,
  onSubmit,
  onCancel,
}: FormProps & { action: ActionChoice }) {
  const { t } = useTranslation();
  const { incident } = detail;
  const envelope = { incidentId: incident.id, baseVersion: base.version };
  const [risk, setRisk] = useState<RiskLevel>(incident.riskLevel ?? 'medium');
  const [text, setText] = useState('');
  const [units, setUnits] = useState<MemberUnit[]>([]);
  const [chosen, setChosen] = useState<string[]>([]);
  const [deadline, setDeadline] = useState(() => chinaClockValue(new Date(Date.now() + 3 * 24 * 3_600_000)));
  const [satisfaction, setSatisfaction] = useState<Satisfaction>('satisfied');
  // No default: the grade sets a grid worker's pay, so it is chosen, never assumed.
  const [difficulty, setDifficulty] = useState<Difficulty | ''>('');
  const gradesDifficulty = incident.kind === 'dispute';
  // A dispute's subsidy goes to the worker who mediated it: named from the grid's roll when it has one.
  const [resolver, setResolver] = useState('');
  const namesResolver = gradesDifficulty && detail.gridWorkers.length > 0;
  const awaiting = incident.assignedUnitIds.filter((id) => !incident.acknowledgedUnitIds.includes(id));
  const [unitId, setUnitId] = useState(awaiting[0] ?? '');

  useEffect(() => {
    if (action !== 'assign') return;
    void desktopApi
      .call('units.forIncident', { jurisdictionCode: incident.jurisdictionCode })
      .then((result) => result.ok && setUnits(result.value));
    // The default handling deadline is the resolution time the SLA allows at this risk level.
    void desktopApi.call('sla.get', {}).then((result) => {
      if (!result.ok) return;
      const minutes = result.value.config[detail.mode].resolve[incident.riskLevel ?? 'high'];
      setDeadline(chinaClockValue(new Date(Date.now() + minutes * 60_000)));
    });
  }, [action, incident.jurisdictionCode, incident.riskLevel, detail.mode]);

  const reasonTooShort = text.trim().length < REASON_MIN_LENGTH;
  const draft = (): CommandDraft | null => {
    switch (action) {
      case 'report':
        return { type: 'report', ...envelope, ...(text.trim() ? { note: text.trim() } : {}) };
      case 'assess':
        return {
          type: 'assess',
          ...envelope,
          riskLevel: risk,
          ...(text.trim() ? { note: text.trim() } : {}),
        };
      case 'assign':
        return chosen.length === 0
          ? null
          : {
              type: 'assign',
              ...envelope,
              unitIds: chosen,
              deadline: new Date(`${deadline}:00+08:00`).toISOString(),
            };
      case 'acknowledge':
        return unitId
          ? { type: 'acknowledge', ...envelope, unitId, ...(text.trim() ? { note: text.trim() } : {}) }
          : null;
      case 'escalate':
        return reasonTooShort ? null : { type: 'escalate', ...envelope, reason: text.trim() };
      case 'issueSupervisionNotice':
        return reasonTooShort
          ? null
          : { type: 'issueSupervisionNotice', ...envelope, requirement: text.trim() };
      case 'resolve':
        return reasonTooShort || (gradesDifficulty && !difficulty) || (namesResolver && !resolver)
          ? null
          : {
              type: 'resolve',
              ...envelope,
              summary: text.trim(),
              ...(difficulty ? { difficulty } : {}),
              ...(resolver ? { resolver } : {}),
            };
      case 'recordFollowUp':
        return { type: 'recordFollowUp', ...envelope, satisfaction, note: text.trim() };
      case 'close':
        return reasonTooShort ? null : { type: 'close', ...envelope, reason: text.trim() };
      case 'addNote':
        return text.trim() ? { type: 'addNote', incidentId: incident.id, text: text.trim() } : null;
    }
  };
  const ready = stale ? null : draft();
  const { actionBlocked, actionNote } = useLinks();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && actionBlocked === null) onSubmit(ready);
  };

  const textLabel: Partial<Record<ActionChoice, string>> = {
    escalate: 'ws.action.reason',
    close: 'ws.action.reason',
    issueSupervisionNotice: 'ws.action.requirement',
    resolve: 'ws.action.summary',
  };
  return (
    <form className="action-form" data-testid={`action-form-${action}`} onSubmit={submit}>
      {action === 'assess' && (
        <fieldset>
          <legend>{t('ws.action.risk')}</legend>
          {RISK_LEVELS.map((level) => (
            <label key={level} className={`risk-choice risk-${level}`}>
              <input
                type="radio"
                name="risk"
                value={level}
                data-testid={`assess-risk-${level}`}
                checked={risk === level}
                onChange={() => setRisk(level)}
              />
              {t(`risk.${level}`)}
            </label>
          ))}
        </fieldset>
      )}
      {action === 'assign' && (
        <>
          <fieldset className="unit-choices" translate="no">
            <legend>{t('ws.action.units')}</legend>
            {units.map((unit) => (
              <label key={unit.id}>
                <input
                  type="checkbox"
                  data-testid="assign-unit"
                  value={unit.id}
                  checked={chosen.includes(unit.id)}
                  onChange={(event) =>
                    setChosen((current) =>
                      event.target.checked ? [...current, unit.id] : current.filter((id) => id !== unit.id),
                    )
                  }
                />
                {unit.name}
              </label>
            ))}
          </fieldset>
          <div className="date-field">
            {t('ws.action.deadline')}
            <DateTimePicker
              value={deadline}
              onChange={setDeadline}
              testId="assign-deadline"
              label={t('ws.action.deadline')}
            />
          </div>
        </>
      )}
      {action === 'acknowledge' && (
        <label>
          {t('ws.action.unit')}
          <select value={unitId} onChange={(event) => setUnitId(event.target.value)} translate="no">
            {awaiting.map((id) => (
              <option key={id} value={id}>
                {detail.unitNames[id] ?? id}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'resolve' && gradesDifficulty && (
        <label>
          {t('ws.action.difficulty')}
          <select
            data-testid="resolve-difficulty"
            required
            value={difficulty}
            onChange={(event) => setDifficulty(event.target.value as Difficulty)}
          >
            <option value="" disabled>
              {t('ws.action.chooseDifficulty')}
            </option>
            {DIFFICULTIES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`ws.difficulty.${choice}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'resolve' && namesResolver && (
        <label>
          {t('ws.action.resolver')}
          <select
            data-testid="resolve-resolver"
            required
            value={resolver}
            onChange={(event) => setResolver(event.target.value)}
            translate="no"
          >
            <option value="" disabled>
              {t('ws.action.chooseResolver')}
            </option>
            {detail.gridWorkers.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
      )}
      {action === 'recordFollowUp' && (
        <fieldset>
          <legend>{t('ws.action.satisfaction')}</legend>
          {SATISFACTIONS.map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name="satisfaction"
                checked={satisfaction === choice}
                onChange={() => setSatisfaction(choice)}
              />
              {t(`ws.satisfaction.${choice}`)}
            </label>
          ))}
        </fieldset>
      )}
      {action !== 'assign' && (
        <label>
          {t(textLabel[action] ?? 'ws.action.note')}
          <textarea
            data-testid="action-text"
            rows={2}
            value={text}
            minLength={textLabel[action] ? REASON_MIN_LENGTH : undefined}
            onChange={(event) => setText(event.target.value)}
          />
        </label>
      )}
      <div className="form-buttons">
        <button
          type="submit"
          className="primary"
          data-testid="action-submit"
          disabled={!ready || actionBlocked !== null}
          title={actionBlocked ?? actionNote ?? undefined}
        >
          {t('ws.action.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('ws.action.cancel')}
        </button>
      </div>
    </form>
  );
}

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
 * What changed since the operator began a form, in words, and what they can do about it: go on against the case
 * as it is now, where the action is still open, or drop what they typed.
 */
function ChangedSince({
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
  const [open, setOpen] = useState<{ choice: ActionChoice; base: Incident } | null>(null);
  const { actionBlocked, actionNote } = useLinks();
  useEffect(() => setOpen(null), [detail.incident.id]);
  const now = useNow(30_000);
  const { incident } = detail;
  const choices: ActionChoice[] = [
    ...availableActions(incident, role, {
      at: new Date(now).toISOString(),
      mode: detail.mode,
      sla: detail.sla,
    }),
    ...(can(role, 'add-notes') ? (['addNote'] as const) : []),
  ];
  const stale = open !== null && open.base.version !== incident.version;
  const label = (choice: ActionChoice) =>
    choice === 'addNote'
      ? t('ws.action.addNote')
      : ACTION_LABELS[choice][i18n.language === 'en' ? 'en' : 'zh'];
  const toggle = (choice: ActionChoice) =>
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
