import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { CODE_LENGTH, can, chineseDate, type Role } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { download } from '../components/download';
import { ScopePicker } from '../components/ScopePicker';
import { DocumentPreview, type DocumentRequest } from '../documents/DocumentPreview';
import { PrintPreview } from '../documents/PrintPreview';
import { useLiveQuery } from '../hooks/useDesktop';
import { SubsidyPanel } from '../subsidies/SubsidyPanel';
import { OverdueObjectsTable } from '../targets/OverdueObjectsTable';
import { TargetPanel } from '../targets/TargetPanel';
import { KeyPersonPanel } from './KeyPersonPanel';
import { RiskListTable } from './RiskListTable';
import './reports.css';
import { useSay } from '../words/say';

const RISK_KINDS = ['incident', 'order', 'mode', 'sla', 'dangerous-object', 'sensitive-place'] as const;
/** The list is worked out from every open incident: refreshed as they change, not more often than this. */
const REFRESH_MS = 5_000;

/** Who a risk warning letter can go to: the townships and the units of the risks on the list. */
function addresseesOf(
  rows: { jurisdictionCode: string; unitIds: string[] }[],
  names: Record<string, string>,
) {
  const townships = new Set(rows.map((row) => row.jurisdictionCode.slice(0, CODE_LENGTH.township)));
  const units = new Set(rows.flatMap((row) => row.unitIds));
  return [
    ...[...townships].map((code) => ({ value: `township:${code}`, label: names[code] ?? code })),
    ...[...units].map((unitId) => ({ value: `unit:${unitId}`, label: names[unitId] ?? unitId })),
  ];
}

function letterRequest(value: string): DocumentRequest {
  const [kind, id] = value.split(':') as ['unit' | 'township', string];
  return {
    kind: 'riskWarning',
    input: { to: kind === 'unit' ? { kind, unitId: id } : { kind, code: id } },
  };
}

/**
 * 一书一函两清单 and 以案定补: the centre's lists, letters and the grid workers' subsidies, and the registers of
 * dangerous objects and sensitive places. The key-person list is shown only to the roles allowed to see it.
 */
export function ReportsScreen({ operator }: { operator: SessionStatus['operator'] }) {
  const { t } = useTranslation();
  const say = useSay();
  const [scope, setScope] = useState<string | undefined>(undefined);
  const loaded = useLiveQuery('documents.riskList', scope ? { scope } : {}, RISK_KINDS, REFRESH_MS);
  const value = loaded.state === 'ready' ? loaded.value : null;
  const [printing, setPrinting] = useState(false);
  const [addressee, setAddressee] = useState('');
  const [letter, setLetter] = useState<DocumentRequest | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const names = value?.names ?? {};
  const addressees = value ? addresseesOf(value.rows, names) : [];
  const scopeName = value ? (names[value.scope] ?? value.scope) : '';
  const seesKeyPersons = operator !== null && can(operator.role as Role, 'view-key-persons');

  const exportCsv = async () => {
    const result = await desktopApi.call('documents.exportRiskList', scope ? { scope } : {});
    if (!result.ok) return setExportError(say(result.error));
    setExportError(null);
    download(result.value);
  };

  return (
    <main className={seesKeyPersons ? 'reports with-key-persons' : 'reports'} data-testid="reports">
      <section className="reports-panel risk-list-panel">
        <header>
          <h2>
            {t('reports.riskList')}
            {value && <span className="review-count">{value.rows.length}</span>}
          </h2>
          {value && (
            <span className="scope-label" data-testid="risk-list-scope" translate="no">
              {scopeName}
            </span>
          )}
          <div className="reports-actions">
            {operator && (
              <ScopePicker
                root={operator.jurisdiction}
                value={scope}
                onChange={setScope}
                testId="risk-list-scope-picker"
              />
            )}
            <button data-testid="risk-list-export" disabled={!value} onClick={() => void exportCsv()}>
              {t('reports.exportCsv')}
            </button>
            <button data-testid="risk-list-print" disabled={!value} onClick={() => setPrinting(true)}>
              {t('reports.printList')}
            </button>
            <select
              data-testid="letter-addressee"
              value={addressee}
              onChange={(event) => setAddressee(event.target.value)}
            >
              <option value="">{t('reports.chooseAddressee')}</option>
              {addressees.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            <button
              data-testid="letter-draft"
              disabled={addressee === ''}
              onClick={() => setLetter(letterRequest(addressee))}
            >
              {t('reports.draftLetter')}
            </button>
          </div>
        </header>
        {exportError && <p className="notice error">{exportError}</p>}
        {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
        {value && value.rows.length === 0 && <p className="muted">{t('reports.noRisks')}</p>}
        {value && (value.rows.length > 0 || value.dangerousObjects.length > 0) && (
          <div className="risk-list-scroll">
            {value.rows.length > 0 && <RiskListTable rows={value.rows} names={names} />}
            {value.dangerousObjects.length > 0 && (
              <OverdueObjectsTable rows={value.dangerousObjects} names={names} />
            )}
          </div>
        )}
      </section>
      {seesKeyPersons && <KeyPersonPanel operator={operator} />}
      {operator && <TargetPanel operator={operator} />}
      <section className="reports-panel">
        <SubsidyPanel />
      </section>
      {printing && value && (
        <PrintPreview fileName={`${scopeName}突出矛盾风险清单.pdf`} onClose={() => setPrinting(false)}>
          <h1>{`${scopeName}突出矛盾风险清单`}</h1>
          <p className="doc-number">{`截至${chineseDate(new Date().toISOString())}，共${value.rows.length}件`}</p>
          <RiskListTable rows={value.rows} names={names} printed />
          {value.dangerousObjects.length > 0 && (
            <OverdueObjectsTable rows={value.dangerousObjects} names={names} printed />
          )}
        </PrintPreview>
      )}
      {letter && <DocumentPreview request={letter} onClose={() => setLetter(null)} />}
    </main>
  );
}
