import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import type { AuditFilter, AuditPageView } from '../../../src/core/contract/audit';
import { addChinaDays, chinaDayOf, chinaDayStart, DAY_MS, type Wording } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { DayPicker } from '../components/DatePickers';
import { download } from '../components/download';
import { ScopePicker } from '../components/ScopePicker';
import { formatChinaDateTime } from '../words/china-time';
import { useSay } from '../words/say';
import { ACTION_FAMILIES, wordAction, wordActor } from './action-words';
import './audit.css';
import './i18n';

type Operator = NonNullable<SessionStatus['operator']>;

/** The rows of a page: the hub's maximum is 500, a screenful is plenty. */
const PAGE_SIZE = 50;

interface Filters {
  actor: string;
  family: string;
  fromDay: string;
  toDay: string;
  scope: string | undefined;
}

/** The filters as the hub's audit API takes them: whole China days, a family as its prefix. */
function auditFilter({ actor, family, fromDay, toDay, scope }: Filters): AuditFilter {
  return {
    ...(actor.trim() ? { actor: actor.trim() } : {}),
    ...(family ? { action: `${family}.` } : {}),
    from: new Date(chinaDayStart(fromDay)).toISOString(),
    to: new Date(chinaDayStart(toDay) + DAY_MS - 1).toISOString(),
    ...(scope ? { scope } : {}),
  };
}

function AuditTable({ page }: { page: AuditPageView }) {
  const { t, i18n } = useTranslation();
  return (
    <table className="audit-table" data-testid="audit-table">
      <thead>
        <tr>
          {(['at', 'actor', 'action', 'outcome', 'target', 'scope'] as const).map((column) => (
            <th key={column}>{t(`audit.columns.${column}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {page.records.map((record) => (
          <tr key={record.id} className={`outcome-${record.outcome}`} data-testid="audit-row">
            <td className="audit-at">{formatChinaDateTime(record.at, i18n.language)}</td>
            <td translate="no">{wordActor(t, record)}</td>
            <td>{wordAction(t, record)}</td>
            <td className="audit-outcome">{t(`audit.outcome.${record.outcome}`)}</td>
            <td translate="no">{record.target ?? ''}</td>
            <td translate="no">{record.scope ? (page.names[record.scope] ?? record.scope) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FilterBar({
  operator,
  filters,
  onChange,
}: {
  operator: Operator;
  filters: Filters;
  onChange(filters: Filters): void;
}) {
  const { t } = useTranslation();
  const today = chinaDayOf(Date.now());
  const [actor, setActor] = useState(filters.actor);
  const applyActor = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...filters, actor });
  };
  return (
    <form className="audit-filters" onSubmit={applyActor}>
      <label>
        {t('audit.filters.actor')}
        <input
          value={actor}
          placeholder={t('audit.filters.actorPlaceholder')}
          data-testid="audit-actor"
          onChange={(event) => setActor(event.target.value)}
        />
      </label>
      <label>
        {t('audit.filters.family')}
        <select
          value={filters.family}
          data-testid="audit-family"
          onChange={(event) => onChange({ ...filters, family: event.target.value })}
        >
          <option value="">{t('audit.filters.allFamilies')}</option>
          {ACTION_FAMILIES.map((family) => (
            <option key={family} value={family}>
              {t(`audit.families.${family}`)}
            </option>
          ))}
        </select>
      </label>
      <DayPicker
        value={filters.fromDay}
        max={filters.toDay}
        label={t('audit.filters.from')}
        testId="audit-from"
        onChange={(fromDay) => onChange({ ...filters, fromDay })}
      />
      <span aria-hidden="true">–</span>
      <DayPicker
        value={filters.toDay}
        max={today}
        label={t('audit.filters.to')}
        testId="audit-to"
        onChange={(toDay) =>
          onChange({ ...filters, toDay, fromDay: filters.fromDay > toDay ? toDay : filters.fromDay })
        }
      />
      <ScopePicker
        root={operator.jurisdiction}
        value={filters.scope}
        testId="audit-scope"
        onChange={(scope) => onChange({ ...filters, scope })}
      />
      <button type="submit" data-testid="audit-search">
        {t('audit.filters.search')}
      </button>
    </form>
  );
}

/**
 * The audit administrator's screen (审计日志): the hub's audit trail by person, kind of action, China days and
 * scope, a page at a time, newest first, and its export as CSV (which the hub records in the trail too).
 */
export function AuditScreen({ operator }: { operator: Operator }) {
  const { t } = useTranslation();
  const say = useSay();
  const today = chinaDayOf(Date.now());
  const [filters, setFilters] = useState<Filters>({
    actor: '',
    family: '',
    fromDay: addChinaDays(today, -6),
    toDay: today,
    scope: undefined,
  });
  // The `before` of each page visited: the first is the newest; going back pops.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [page, setPage] = useState<AuditPageView | null>(null);
  const [problem, setProblem] = useState<Wording | null>(null);
  const [exported, setExported] = useState<string | null>(null);
  const [asked, setAsked] = useState(0);
  const before = cursors.at(-1);

  useEffect(() => {
    let cancelled = false;
    const query = { ...auditFilter(filters), limit: PAGE_SIZE, ...(before ? { before } : {}) };
    void desktopApi.call('audit.search', query).then((result) => {
      if (cancelled) return;
      setPage(result.ok ? result.value : null);
      setProblem(result.ok ? null : result.error);
    });
    return () => {
      cancelled = true;
    };
  }, [filters, before, asked]);

  const changeFilters = (next: Filters) => {
    setFilters(next);
    setCursors([undefined]);
    setExported(null);
  };
  const exportCsv = async () => {
    const result = await desktopApi.call('audit.export', auditFilter(filters));
    if (!result.ok) return setProblem(result.error);
    download(result.value);
    setExported(result.value.fileName);
  };

  return (
    <main className="audit-screen" data-testid="audit-screen">
      <header>
        <h2>{t('audit.title')}</h2>
        <FilterBar operator={operator} filters={filters} onChange={changeFilters} />
        <span className="audit-actions">
          <button data-testid="audit-refresh" onClick={() => setAsked((count) => count + 1)}>
            {t('audit.filters.refresh')}
          </button>
          <button data-testid="audit-export" onClick={() => void exportCsv()}>
            {t('audit.export')}
          </button>
        </span>
      </header>
      {problem && (
        <p className="notice error" role="alert" data-testid="audit-problem">
          {say(problem)}
        </p>
      )}
      {exported && <p className="notice">{t('audit.exported', { file: exported })}</p>}
      <div className="audit-scroll">
        {!page && !problem && <p className="muted">{t('audit.loading')}</p>}
        {page && page.records.length === 0 && <p className="muted">{t('audit.empty')}</p>}
        {page && page.records.length > 0 && <AuditTable page={page} />}
      </div>
      <footer className="audit-paging">
        <button
          data-testid="audit-newer"
          disabled={cursors.length === 1}
          onClick={() => setCursors((visited) => visited.slice(0, -1))}
        >
          {t('audit.newer')}
        </button>
        <span>{t('audit.page', { page: cursors.length })}</span>
        <button
          data-testid="audit-older"
          disabled={!page?.next}
          onClick={() => page?.next && setCursors((visited) => [...visited, page.next!])}
        >
          {t('audit.older')}
        </button>
      </footer>
    </main>
  );
}
