import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DIFFICULTIES, MAX_RATE_YUAN, subsidyRatesSchema, type SubsidyRates } from '../../../src/domain';
import { useLiveQuery } from '../hooks/useDesktop';
import { ProblemList } from '../components/ProblemList';
import { submitCommand } from '../workspace/submit-command';
import { sayIssue, useSay, type FieldIssue } from '../words/say';

/** What is wrong with a draft, by difficulty, as the hub would refuse it. */
function problemsOf(draft: SubsidyRates, word: (issue: FieldIssue) => string): Map<string, string> {
  const parsed = subsidyRatesSchema.safeParse(draft);
  if (parsed.success) return new Map();
  return new Map(
    parsed.error.issues.map((issue) => [String(issue.path[0] ?? ''), word(issue as FieldIssue)]),
  );
}

interface SubsidyRatesTableProps {
  /** Where an admin's change applies: the operator's own jurisdiction and everything below it. */
  jurisdictionCode: string;
  editable: boolean;
  names: Record<string, string>;
}

/**
 * The rates in force, for everyone to read and for an admin to change. A change is a command to the hub, which
 * records it as an event: it applies to disputes resolved from then on, in every screen below the jurisdiction.
 */
export function SubsidyRatesTable({ jurisdictionCode, editable, names }: SubsidyRatesTableProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const loaded = useLiveQuery('subsidyRates.get', {}, ['subsidy-rates']);
  const [draft, setDraft] = useState<SubsidyRates | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (loaded.state !== 'ready') return null;
  const current = loaded.value;
  // Unedited, the table shows the rates in force as they arrive; the first change starts a draft of them.
  const rates = draft ?? current.rates;
  const problems = problemsOf(rates, (issue) => sayIssue(t, i18n.language, issue));

  const save = async () => {
    if (problems.size > 0) return;
    const result = await submitCommand({ type: 'configureSubsidyRates', jurisdictionCode, rates });
    setMessage(result.ok ? t('subsidies.rates.sent') : say(result.error));
    if (result.ok) setDraft(null);
  };

  return (
    <section className="subsidy-rates" data-testid="subsidy-rates">
      <h3>{t('subsidies.rates.title')}</h3>
      <div className="subsidy-rates-inputs">
        {DIFFICULTIES.map((difficulty) => (
          <label key={difficulty}>
            {t(`subsidies.difficulty.${difficulty}`)}
            <input
              type="number"
              min={0}
              max={MAX_RATE_YUAN}
              step={10}
              data-testid={`subsidy-rate-${difficulty}`}
              readOnly={!editable}
              className={problems.has(difficulty) ? 'invalid' : ''}
              title={problems.get(difficulty)}
              value={rates[difficulty]}
              onChange={(event) => {
                setDraft({ ...rates, [difficulty]: Number(event.target.value) });
                setMessage(null);
              }}
            />
          </label>
        ))}
      </div>
      <ProblemList problems={problems} />
      <p className="muted">
        {current.configuredAt
          ? t('subsidies.rates.configuredAt', { place: names[current.configuredAt] ?? current.configuredAt })
          : t('subsidies.rates.defaults')}
        {editable && ` · ${t('subsidies.rates.note')}`}
      </p>
      {editable && (
        <div className="form-buttons">
          <button
            className="primary"
            data-testid="subsidy-rates-save"
            disabled={draft === null || problems.size > 0}
            onClick={() => void save()}
          >
            {t('subsidies.rates.save')}
          </button>
          {message && <span className="notice">{message}</span>}
        </div>
      )}
    </section>
  );
}
