import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import type { DangerousObjectRow, SensitivePlaceRow } from '../../../src/core/contract/targets';
import { can, reasonSchema, type Role, type TargetEntry } from '../../../src/domain';
import { ScopePicker } from '../components/ScopePicker';
import { useLiveQuery } from '../hooks/useDesktop';
import { submitCommand } from '../workspace/submit-command';
import { useSay } from '../words/say';
import './i18n';
import { TargetForm } from './TargetForm';
import { DangerousObjectTable, SensitivePlaceTable } from './TargetTables';
import './targets.css';

const TARGET_KINDS_WATCHED = ['dangerous-object', 'sensitive-place'] as const;

/** What the form edits: a row without what the hub stamps on it. */
function entryOf(row: DangerousObjectRow | SensitivePlaceRow): TargetEntry {
  if (row.kind === 'sensitive-place') {
    const { registeredBy: _by, registeredAt: _at, ...entry } = row;
    return entry;
  }
  const {
    registeredBy: _by,
    registeredAt: _at,
    inspectionDue: _due,
    inspectionOverdue: _late,
    ...entry
  } = row;
  return entry;
}

/** Asks why before a target is taken off its register: the reason is kept with the record. */
function RemoveTarget({ row, onDone }: { row: DangerousObjectRow | SensitivePlaceRow; onDone: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    const parsed = reasonSchema.safeParse(reason);
    if (!parsed.success) return setProblem(t('targets.problems.reason'));
    const result = await submitCommand({
      type: 'removeTarget',
      targetKind: row.kind,
      targetId: row.id,
      reason: parsed.data,
    });
    if (!result.ok) return setProblem(say(result.error));
    onDone();
  };
  return (
    <span className="target-removal">
      <input
        data-testid="target-remove-reason"
        placeholder={t('targets.removeReason')}
        value={reason}
        onChange={(event) => setReason(event.target.value)}
      />
      <button data-testid="target-remove-confirm" onClick={() => void confirm()}>
        {t('targets.confirmRemove')}
      </button>
      <button onClick={onDone}>{t('targets.cancel')}</button>
      {problem && <span className="notice error">{problem}</span>}
    </span>
  );
}

/**
 * 危险物与敏感地: the registers of the scope, for every role to read; commanders and admins register, edit and
 * remove entries.
 */
export function TargetPanel({ operator }: { operator: NonNullable<SessionStatus['operator']> }) {
  const { t } = useTranslation();
  // Its own scope, like every list of the tab: changed only here, never by a drill-down elsewhere.
  const [scope, setScope] = useState<string | undefined>(undefined);
  const say = useSay();
  const loaded = useLiveQuery('targets.register', scope ? { scope } : {}, TARGET_KINDS_WATCHED);
  const value = loaded.state === 'ready' ? loaded.value : null;
  const [form, setForm] = useState<{ editing: TargetEntry | null } | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const mayManage = can(operator.role as Role, 'manage-targets');

  const actions = (row: DangerousObjectRow | SensitivePlaceRow) =>
    removing === `${row.kind}/${row.id}` ? (
      <RemoveTarget row={row} onDone={() => setRemoving(null)} />
    ) : (
      <>
        <button data-testid="target-edit" onClick={() => setForm({ editing: entryOf(row) })}>
          {t('targets.edit')}
        </button>
        <button data-testid="target-remove" onClick={() => setRemoving(`${row.kind}/${row.id}`)}>
          {t('targets.remove')}
        </button>
      </>
    );

  return (
    <section className="reports-panel target-panel" data-testid="target-panel">
      <header>
        <h2>{t('targets.title')}</h2>
        {value && (
          <span className="scope-label" data-testid="targets-scope" translate="no">
            {value.names[value.scope] ?? ''}
          </span>
        )}
        <div className="reports-actions">
          <ScopePicker
            root={operator.jurisdiction}
            value={scope}
            onChange={setScope}
            testId="targets-scope-picker"
          />
          {mayManage && (
            <button data-testid="target-register" onClick={() => setForm(form ? null : { editing: null })}>
              {t('targets.register')}
            </button>
          )}
        </div>
      </header>
      {form && (
        <TargetForm
          key={form.editing?.id ?? 'new'}
          scope={value?.scope ?? operator.jurisdiction}
          editing={form.editing}
          onClose={() => setForm(null)}
        />
      )}
      {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
      {value && (
        <div className="risk-list-scroll target-registers">
          <h3>
            {t('targets.dangerousObjects')}
            <span className="review-count">{value.dangerousObjects.length}</span>
          </h3>
          {value.dangerousObjects.length === 0 ? (
            <p className="muted">{t('targets.emptyObjects')}</p>
          ) : (
            <DangerousObjectTable
              rows={value.dangerousObjects}
              names={value.names}
              actions={mayManage ? actions : null}
            />
          )}
          <h3>
            {t('targets.sensitivePlaces')}
            <span className="review-count">{value.sensitivePlaces.length}</span>
          </h3>
          {value.sensitivePlaces.length === 0 ? (
            <p className="muted">{t('targets.emptyPlaces')}</p>
          ) : (
            <SensitivePlaceTable
              rows={value.sensitivePlaces}
              names={value.names}
              actions={mayManage ? actions : null}
            />
          )}
        </div>
      )}
    </section>
  );
}
