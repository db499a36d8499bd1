import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import './documents.css';

type Exported = { state: 'idle' } | { state: 'saved'; to: string } | { state: 'failed'; error: string };

/**
 * A document on A4 in a dialog over the whole window, as it will print. While it is open the page prints only the
 * document, so the Electron shell saves it with `printToPDF` and the browser shell with Chromium's printing.
 */
export function PrintPreview({
  fileName,
  onClose,
  children,
}: {
  fileName: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [exported, setExported] = useState<Exported>({ state: 'idle' });
  useEffect(() => {
    document.body.classList.add('printing');
    return () => document.body.classList.remove('printing');
  }, []);

  const exportPdf = async () => {
    if (!window.pingan?.printToPdf) return window.print();
    const result = await window.pingan.printToPdf(fileName);
    setExported(
      result.ok
        ? result.value.savedTo
          ? { state: 'saved', to: result.value.savedTo }
          : { state: 'idle' }
        : { state: 'failed', error: result.error },
    );
  };

  return (
    <Dialog
      className="print-preview"
      label={fileName.replace(/\.pdf$/, '')}
      testId="print-preview"
      onClose={onClose}
    >
      <div className="print-toolbar">
        <button className="primary" data-testid="print-export" onClick={() => void exportPdf()}>
          {t(window.pingan?.printToPdf ? 'documents.exportPdf' : 'documents.print')}
        </button>
        <button data-testid="print-close" onClick={onClose}>
          {t('documents.close')}
        </button>
        {exported.state === 'saved' && (
          <span className="muted">{t('documents.savedTo', { to: exported.to })}</span>
        )}
        {exported.state === 'failed' && <span className="notice error">{exported.error}</span>}
      </div>
      <article className="print-sheet" data-testid="print-sheet">
        {children}
      </article>
    </Dialog>
  );
}
