import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';

/** The tables and their checks are fetched on the first opening: the header carries only the button. */
const SlaDialog = lazy(() => import('./SlaDialog').then((module) => ({ default: module.SlaDialog })));

/** The header's button for the deadline tables, and the dialog it opens. */
export function SlaSettings({ status }: { status: SessionStatus }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <div className="sla-settings">
      <button data-testid="sla-settings" onClick={() => setOpen(true)}>
        {t('ws.sla.title')}
      </button>
      {open && (
        <Suspense fallback={null}>
          <SlaDialog status={status} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </div>
  );
}
