import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApiOutput, SessionStatus } from '../../../src/core/contract/api';
import { can, chineseDate, type Role } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { Dialog } from '../components/Dialog';
import { download } from '../components/download';
import { ScopePicker } from '../components/ScopePicker';
import { PrintPreview } from '../documents/PrintPreview';
import { useLiveQuery } from '../hooks/useDesktop';
import { KeyPersonForm } from './KeyPersonForm';
import { KeyPersonTable } from './KeyPersonTable';
import './key-persons.css';
import { useSay } from '../words/say';

const KEY_PERSON_KINDS = ['key-person', 'incident'] as const;
type PrintedList = Extract<DesktopApiOutput<'documents.exportKeyPersons'>, { format: 'pdf' }>;

/**
 * 重点人员清单, for the roles allowed to see it. Names masked by default, since the wall is read by the whole room;
 * ID numbers and phones always, each person's whole only through 显示完整号码 (audited). Both exports go through
 * the core, which has the hub audit them.
 */
export function KeyPersonPanel({ operator }: { operator: NonNullable<SessionStatus['operator']> }) {
  const { t } = useTranslation();
  const say = useSay();
  const [scope, setScope] = useState<string | undefined>(undefined);
  const [masked, setMasked] = useState(true);
  const [registering, setRegistering] = useState(false);
  const [printing, setPrinting] = useState<PrintedList | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const loaded = useLiveQuery(
    'documents.keyPersons',
    { masked, ...(scope ? { scope } : {}) },
    KEY_PERSON_KINDS,
  );
  const value = loaded.state === 'ready' ? loaded.value : null;
  const mayRegister = can(operator.role as Role, 'manage-key-persons');

  const exportList = async (format: 'csv' | 'pdf') => {
    const result = await desktopApi.call('documents.exportKeyPersons', {
      format,
      ...(scope ? { scope } : {}),
    });
    if (!result.ok) return setMessage({ text: say(result.error), error: true });
    if (result.value.format === 'pdf') {
      setMessage(null);
      return setPrinting(result.value);
    }
    download(result.value);
    setMessage({ text: t('reports.keyPersons.exported', { file: result.value.fileName }), error: false });
  };

  const scopeName = (list: { scope: string; names: Record<string, string> }) =>
    list.names[list.scope] ?? list.scope;

  return (
    <section className="reports-panel key-person-panel" data-testid="key-person-panel">
      <header>
        <h2>
          {t('reports.keyPersons.title')}
          {value && <span className="review-count">{value.rows.length}</span>}
        </h2>
        {value && (
          <span className="scope-label" data-testid="key-persons-scope" translate="no">
            {scopeName(value)}
          </span>
        )}
        <span className={masked ? 'muted' : 'notice error'} data-testid="key-persons-masking">
          {t(masked ? 'reports.keyPersons.masked' : 'reports.keyPersons.unmaskedWarning')}
        </span>
        <div className="reports-actions">
          <ScopePicker
            root={operator.jurisdiction}
            value={scope}
            onChange={setScope}
            testId="key-persons-scope-picker"
          />
          <button data-testid="key-persons-unmask" aria-pressed={!masked} onClick={() => setMasked(!masked)}>
            {t(masked ? 'reports.keyPersons.showFull' : 'reports.keyPersons.hideFull')}
          </button>
          <button data-testid="key-persons-export" disabled={!value} onClick={() => void exportList('csv')}>
            {t('reports.keyPersons.exportCsv')}
          </button>
          <button data-testid="key-persons-print" disabled={!value} onClick={() => void exportList('pdf')}>
            {t('reports.keyPersons.print')}
          </button>
          {mayRegister && (
            <button data-testid="key-persons-register" onClick={() => setRegistering(true)}>
              {t('reports.keyPersons.register')}
            </button>
          )}
        </div>
      </header>
      <p className="muted audit-note">{t('reports.keyPersons.audited')}</p>
      {message && <p className={message.error ? 'notice error' : 'notice'}>{message.text}</p>}
      {registering && (
        <Dialog
          className="key-person-dialog"
          label={t('reports.keyPersons.register')}
          testId="key-person-dialog"
          onClose={() => setRegistering(false)}
        >
          <h2>{t('reports.keyPersons.register')}</h2>
          <KeyPersonForm
            scope={value?.scope ?? operator.jurisdiction}
            onClose={() => setRegistering(false)}
          />
        </Dialog>
      )}
      {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
      {value && value.rows.length === 0 && <p className="muted">{t('reports.keyPersons.empty')}</p>}
      {value && value.rows.length > 0 && (
        <div className="risk-list-scroll">
          <KeyPersonTable
            rows={value.rows}
            names={value.names}
            mayUnmask={can(operator.role as Role, 'unmask-personal-data')}
          />
        </div>
      )}
      {printing && (
        <PrintPreview fileName={`${scopeName(printing)}重点人员清单.pdf`} onClose={() => setPrinting(null)}>
          <h1>{`${scopeName(printing)}重点人员清单`}</h1>
          <p className="doc-number">
            {`截至${chineseDate(new Date().toISOString())}，共${printing.count}人 · 内部资料，注意保密`}
          </p>
          <KeyPersonTable rows={printing.rows} names={printing.names} printed />
        </PrintPreview>
      )}
    </section>
  );
}
