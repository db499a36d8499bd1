import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can, chinaDayOf, type Role, type SubsidyMonth } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { MonthPicker } from '../components/DatePickers';
import { download } from '../components/download';
import { useLiveQuery, useSessionStatus } from '../hooks/useDesktop';
import { SubsidyChart } from './SubsidyChart';
import { SubsidyRatesTable } from './SubsidyRatesTable';
import { SubsidyTable } from './SubsidyTable';
import './i18n';
import './subsidies.css';
import { useSay } from '../words/say';

/** The report reads the month's resolutions again as they arrive, but not more often than this. */
const REFRESH_MS = 5_000;
const SUBSIDY_KINDS = ['incident', 'subsidy-rates'] as const;

/** The month in progress, in China. */
function currentMonth(): SubsidyMonth {
  return chinaDayOf(Date.now()).slice(0, 7);
}

function formatMonth(month: SubsidyMonth, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${month}-01T00:00:00Z`),
  );
}

/**
 * 以案定补: what each grid worker earns for the disputes resolved in a month, by difficulty, with the totals of
 * each village and township, for the operator's jurisdiction; exported as the sheet the centre pays from.
 */
export function SubsidyPanel() {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const status = useSessionStatus();
  const [month, setMonth] = useState(currentMonth);
  const [message, setMessage] = useState<string | null>(null);
  const loaded = useLiveQuery('subsidies.get', { month }, SUBSIDY_KINDS, REFRESH_MS);
  const view = loaded.state === 'ready' ? loaded.value : null;
  const operator = status?.operator ?? null;

  const exportCsv = async () => {
    const result = await desktopApi.call('subsidies.export', { month });
    if (!result.ok) return setMessage(say(result.error));
    download(result.value);
    setMessage(t('subsidies.exported', { file: result.value.fileName }));
  };

  return (
    <section className="subsidies" data-testid="subsidy-panel">
      <header className="subsidies-toolbar">
        <h2>{t('subsidies.title')}</h2>
        <div className="date-field">
          {t('subsidies.month')}
          <MonthPicker
            testId="subsidy-month"
            label={t('subsidies.month')}
            value={month}
            max={currentMonth()}
            onChange={(next) => {
              setMonth(next);
              setMessage(null);
            }}
          />
        </div>
        <button data-testid="subsidy-export" disabled={!view} onClick={() => void exportCsv()}>
          {t('subsidies.export')}
        </button>
        {message && <span className="notice">{message}</span>}
      </header>
      {loaded.state === 'loading' && <p className="muted">{t('subsidies.loading')}</p>}
      {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
      {view && (
        <>
          <p className="muted" translate="no">
            {t('subsidies.subtitle', {
              place: view.names[view.report.scope] ?? view.report.scope,
              month: formatMonth(view.report.month, i18n.language),
            })}
          </p>
          {view.report.rows.length === 0 ? (
            <p className="notice" data-testid="subsidy-empty">
              {t('subsidies.empty')}
            </p>
          ) : (
            <div className="subsidies-body">
              <SubsidyChart report={view.report} names={view.names} />
              <SubsidyTable report={view.report} names={view.names} />
            </div>
          )}
          {view.report.ungraded > 0 && (
            <p className="notice">{t('subsidies.ungraded', { count: view.report.ungraded })}</p>
          )}
        </>
      )}
      {operator && (
        <SubsidyRatesTable
          jurisdictionCode={operator.jurisdiction}
          editable={can(operator.role as Role, 'configure-subsidies')}
          names={view?.names ?? {}}
        />
      )}
    </section>
  );
}
