import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionStatus } from '../../../src/core/contract/api';
import { can, type BriefingPeriod, type Role } from '../../../src/domain';
import { Dialog } from '../components/Dialog';
import { useLiveQuery } from '../hooks/useDesktop';
import { submitCommand } from '../workspace/submit-command';
import { formatChinaClock } from '../workspace/time';
import { BulletinSheet } from './BulletinSheet';
import { PrintPreview } from './PrintPreview';
import { useSay } from '../words/say';

interface BulletinEditorProps {
  day: string;
  period: BriefingPeriod;
  scope?: string;
  operator: SessionStatus['operator'];
  onClose: () => void;
}

/**
 * 通报: the bulletin drafted from the period's figures, edited in place, saved through the hub by a
 * commander, and printed or exported as PDF. A saved text is shown as saved; 重新起草 starts again from the
 * figures as they stand now.
 */
export function BulletinEditor({ day, period, scope, operator, onClose }: BulletinEditorProps) {
  const { t, i18n } = useTranslation();
  const say = useSay();
  const loaded = useLiveQuery('bulletin.get', scope ? { day, period, scope } : { day, period }, ['bulletin']);
  const value = loaded.state === 'ready' ? loaded.value : null;
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [edited, setEdited] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const source = value?.saved ?? value?.draft;

  // Until the operator types, follow what was saved (by anyone) or drafted.
  useEffect(() => {
    if (!source || edited) return;
    setTitle(source.title);
    setBody(source.body);
  }, [source, edited]);

  const mayPublish = operator !== null && can(operator.role as Role, 'publish-bulletin');
  const save = async () => {
    if (!value) return;
    const result = await submitCommand({
      type: 'saveBulletin',
      jurisdictionCode: value.scope,
      period,
      day,
      title: title.trim(),
      body: body.trim(),
    });
    if (!result.ok) return setError(say(result.error));
    setError(null);
    setEdited(false);
  };

  return (
    <Dialog
      className="bulletin-editor"
      label={t('documents.bulletin.heading')}
      testId="bulletin-editor"
      onClose={onClose}
    >
      <header>
        <h3>{t('documents.bulletin.heading')}</h3>
        {value?.saved ? (
          <span className="muted" data-testid="bulletin-saved">
            {t('documents.bulletin.saved', {
              by: value.names[value.saved.savedBy] ?? t('words.someone'),
              at: formatChinaClock(value.saved.savedAt, i18n.language),
            })}
          </span>
        ) : (
          <span className="muted">{t('documents.bulletin.draft')}</span>
        )}
        <button className="close" onClick={onClose} aria-label={t('documents.close')}>
          ×
        </button>
      </header>
      {loaded.state === 'failed' && <p className="notice error">{say(loaded.error)}</p>}
      <input
        className="bulletin-title"
        data-testid="bulletin-title"
        value={title}
        maxLength={200}
        onChange={(event) => {
          setTitle(event.target.value);
          setEdited(true);
        }}
      />
      <textarea
        className="bulletin-body"
        data-testid="bulletin-body"
        value={body}
        maxLength={20_000}
        onChange={(event) => {
          setBody(event.target.value);
          setEdited(true);
        }}
      />
      <div className="bulletin-actions">
        <button
          className="primary"
          data-testid="bulletin-save"
          disabled={!mayPublish || !value || title.trim() === '' || body.trim() === ''}
          title={mayPublish ? undefined : t('documents.bulletin.commandersOnly')}
          onClick={() => void save()}
        >
          {t('documents.bulletin.save')}
        </button>
        <button
          data-testid="bulletin-redraft"
          disabled={!value}
          onClick={() => {
            if (!value) return;
            setTitle(value.draft.title);
            setBody(value.draft.body);
            setEdited(true);
          }}
        >
          {t('documents.bulletin.redraft')}
        </button>
        <button data-testid="bulletin-preview" disabled={!value} onClick={() => setPreviewing(true)}>
          {t('documents.bulletin.preview')}
        </button>
        {error && <span className="notice error">{error}</span>}
      </div>
      {previewing && (
        <PrintPreview fileName={`${title.trim() || 'bulletin'}.pdf`} onClose={() => setPreviewing(false)}>
          <BulletinSheet title={title} body={body} />
        </PrintPreview>
      )}
    </Dialog>
  );
}
