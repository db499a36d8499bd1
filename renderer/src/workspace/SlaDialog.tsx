import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import {
  MODES,
  can,
  escalationSettings,
  slaConfigSchema,
  type EscalationSettings,
  type Mode,
  type Role,
  type SlaConfig,
} from '../../../src/domain';
import { submitCommand } from './submit-command';
import { useLiveQuery } from '../hooks/useDesktop';
import { Dialog } from '../components/Dialog';
import { ProblemList } from '../components/ProblemList';
import { SlaGrid } from './SlaGrid';
import { sayIssue, useSay, type FieldIssue } from '../words/say';

/** What is wrong with a draft, by cell path ("wartime.assign.high"), as the hub would refuse it. */
function problemsOf(draft: SlaConfig, word: (issue: FieldIssue) => string): Map<string, string> {
  const parsed = slaConfigSchema.safeParse(draft);
  if (parsed.success) return new Map();
  return new Map(
    parsed.error.issues.map((issue) => [issue.path.map(String).join('.'), word(issue as FieldIssue)]),
  );
}

/** Whether a table escalates overdue cases up the chain of centres on its own, and how far. */
function EscalationSetting({
  mode,
  settings,
  editable,
  onChange,
}: {
  mode: Mode;
  settings: EscalationSettings;
  editable: boolean;
  onChange(settings: EscalationSettings): void;
}) {
  const { t } = useTranslation();
  return (
    <p className="sla-escalation">
      <label>
        <input
          type="checkbox"
          data-testid={`sla-escalation-${mode}-automatic`}
          disabled={!editable}
          checked={settings.automatic}
          onChange={(event) => onChange({ ...settings, automatic: event.target.checked })}
        />
        {t('ws.sla.escalateAutomatically')}
      </label>
      <label>
        {t('ws.sla.maxLevels')}
        <input
          type="number"
          min={0}
          max={3}
          data-testid={`sla-escalation-${mode}-max-levels`}
          readOnly={!editable}
          value={settings.maxLevels}
          onChange={(event) =>
            onChange({
              ...settings,
              maxLevels: Math.min(3, Math.max(0, Math.round(Number(event.target.value)))),
            })
          }
        />
      </label>
    </p>
  );
}

/**
 * The deadline tables, for everyone to read and for an admin to change. A change is a command to the hub,
 * which records it as an event: every screen below the jurisdiction receives the new tables. Opened fresh each
 * time: unedited, it shows the tables in force as they arrive.
 */
export function SlaDialog({ status, onClose }: { status: SessionStatus; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const sla = useLiveQuery('sla.get', {}, ['sla']);
  const [draft, setDraft] = useState<SlaConfig | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const operator = status.operator;
  const editable = operator !== null && can(operator.role as Role, 'configure-sla');
  const current = sla.state === 'ready' ? sla.value.config : null;
  // Unedited, the dialog shows the tables in force, as they arrive; the first change starts a draft of them.
  const table = draft ?? current;

  const problems = table
    ? problemsOf(table, (issue) => sayIssue(t, i18n.language, issue))
    : new Map<string, string>();
  const save = async () => {
    if (!table || !operator || problems.size > 0) return;
    const result = await submitCommand({
      type: 'configureSla',
      jurisdictionCode: operator.jurisdiction,
      config: table,
    });
    setMessage(result.ok ? t('ws.sla.sent') : say(result.error));
  };

  if (!table) return null;
  return (
    <Dialog className="sla-dialog" label={t('ws.sla.title')} testId="sla-dialog" onClose={onClose}>
      <h2>{t('ws.sla.title')}</h2>
      {MODES.map((mode) => (
        <div key={mode}>
          <SlaGrid
            caption={t('ws.sla.tableTitle', { mode: t(`mode.${mode}`) })}
            cell={(stage, risk) => {
              const path = `${mode}.${stage}.${risk}`;
              const problem = problems.get(path) ?? problems.get(`${mode}.${stage}`);
              return (
                <td key={risk}>
                  <input
                    type="number"
                    min={1}
                    step={5}
                    data-testid={`sla-input-${path}`}
                    readOnly={!editable}
                    className={problem ? 'invalid' : ''}
                    title={problem}
                    value={table[mode][stage][risk]}
                    onChange={(event) => {
                      const next = structuredClone(table);
                      next[mode][stage][risk] = Math.round(Number(event.target.value));
                      setDraft(next);
                      setMessage(null);
                    }}
                  />
                </td>
              );
            }}
          />
          <EscalationSetting
            mode={mode}
            settings={escalationSettings(mode, table)}
            editable={editable}
            onChange={(escalation) => {
              setDraft({ ...table, [mode]: { ...table[mode], escalation } });
              setMessage(null);
            }}
          />
        </div>
      ))}
      <ProblemList problems={problems} />
      <p className="muted">
        {sla.state === 'ready' && sla.value.configuredAt
          ? t('ws.sla.configuredAt', { place: sla.value.configuredAtName ?? '' })
          : t('ws.sla.defaults')}
        {' · '}
        {t('ws.sla.minutes')}
      </p>
      <div className="form-buttons">
        {editable && (
          <button
            className="primary"
            data-testid="sla-save"
            disabled={problems.size > 0}
            onClick={() => void save()}
          >
            {t('ws.sla.save')}
          </button>
        )}
        <button data-testid="sla-close" onClick={onClose}>
          {t('ws.sla.cancel')}
        </button>
        {message && <span className="notice">{message}</span>}
      </div>
    </Dialog>
  );
}
