import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopApiInput, DesktopApiResult } from '../../../src/core/contract/api';
import type { OfficialDocument } from '../../../src/domain';
import { desktopApi } from '../api-client';
import { DocumentSheet } from './DocumentSheet';
import { PrintPreview } from './PrintPreview';
import { useSay } from '../words/say';

export type DocumentRequest =
  | { kind: 'supervisionNotice'; input: DesktopApiInput<'documents.supervisionNotice'> }
  | { kind: 'riskWarning'; input: DesktopApiInput<'documents.riskWarning'> };

function fetchDocument(request: DocumentRequest): Promise<DesktopApiResult<{ document: OfficialDocument }>> {
  return request.kind === 'supervisionNotice'
    ? desktopApi.call('documents.supervisionNotice', request.input)
    : desktopApi.call('documents.riskWarning', request.input);
}

/** Drafts a notice or a letter from the cache as it stands, and shows it ready to print or save as PDF. */
export function DocumentPreview({ request, onClose }: { request: DocumentRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const say = useSay();
  const [state, setState] = useState<{ document: OfficialDocument } | { error: string } | null>(null);
  const key = JSON.stringify(request);
  useEffect(() => {
    let cancelled = false;
    void fetchDocument(JSON.parse(key) as DocumentRequest).then((result) => {
      if (!cancelled) setState(result.ok ? result.value : { error: say(result.error) });
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  if (state === null) return null;
  if ('error' in state)
    return (
      <p className="notice error" role="alert" data-testid="document-error">
        {t('documents.failed', { error: state.error })}{' '}
        <button onClick={onClose}>{t('documents.close')}</button>
      </p>
    );
  return (
    <PrintPreview fileName={`${state.document.title}-${state.document.number}.pdf`} onClose={onClose}>
      <DocumentSheet document={state.document} />
    </PrintPreview>
  );
}
