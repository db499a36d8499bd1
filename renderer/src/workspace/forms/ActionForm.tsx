import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '../../../../src/core/contract/api';
import {
  draftIncidentCommand,
  type CommandDraft,
  type Incident,
  type IncidentActionChoice,
  type IncidentFormValues,
} from '../../../../src/domain';
import { useLinks } from '../../links/useLinks';
import { useSay } from '../../words/say';
import { ACTION_FORMS } from './action-forms';
import { initialFormValues } from './form-values';

interface ActionFormShellProps {
  action: IncidentActionChoice;
  detail: IncidentDetail;
  /** The incident as it stood when the operator began the form: the command is based on this version. */
  base: Incident;
  /** The incident has changed since `base`: the form keeps what was typed but sends nothing until re-applied. */
  stale: boolean;
  onSubmit(draft: CommandDraft): void;
  onCancel(): void;
}

/**
 * One action's form on an incident: the action's own fields, and a command sent only once the domain drafts
 * one from them, the form is not stale and the core is there to take it.
 */
export function ActionForm({ action, detail, base, stale, onSubmit, onCancel }: ActionFormShellProps) {
  const { t } = useTranslation();
  const say = useSay();
  const [values, setValues] = useState(() => initialFormValues(detail, Date.now()));
  const change = useCallback(
    (changes: Partial<IncidentFormValues>) => setValues((current) => ({ ...current, ...changes })),
    [],
  );
  const outcome = draftIncidentCommand(action, values, {
    incident: { id: base.id, version: base.version, kind: detail.incident.kind },
    gridWorkers: detail.gridWorkers,
  });
  const ready = stale || !outcome.ok ? null : outcome.draft;
  const problem = outcome.ok ? undefined : outcome.problems[0];
  const { actionBlocked, actionNote } = useLinks();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && actionBlocked === null) onSubmit(ready);
  };
  const Fields = ACTION_FORMS[action];
  return (
    <form className="action-form" data-testid={`action-form-${action}`} onSubmit={submit}>
      <Fields detail={detail} values={values} change={change} />
      <div className="form-buttons">
        <button
          type="submit"
          className="primary"
          data-testid="action-submit"
          disabled={!ready || actionBlocked !== null}
          title={actionBlocked ?? actionNote ?? (problem ? say(problem.words) : undefined)}
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
