import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TargetEntry } from '../../../src/domain';
import { submitCommand } from '../workspace/submit-command';
import { useSay } from '../words/say';
import { checkDraft, draftOf, emptyDraft, type Draft } from './target-draft';
import type { VillageChoice } from './use-villages';

/**
 * The entry being written: its fields, the problems found when it was last sent, and what the hub answered.
 * A new entry keeps the form open for the next; an edit closes it once sent.
 */
export function useTargetDraft(editing: TargetEntry | null, villages: VillageChoice[], onClose: () => void) {
  const { t } = useTranslation();
  const say = useSay();
  const [draft, setDraft] = useState<Draft>(editing ? draftOf(editing) : emptyDraft('sensitive-place'));
  const [problems, setProblems] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<string | null>(null);
  const update = (change: Partial<Draft>) => {
    setDraft({ ...draft, ...change });
    setMessage(null);
  };
  /** A village chosen for an entry not yet placed puts its point in the village's middle. */
  const chooseVillage = (code: string) => {
    const village = villages.find((choice) => choice.code === code);
    const unplaced = draft.lng.trim() === '' && draft.lat.trim() === '';
    update({
      jurisdictionCode: code,
      ...(village && unplaced ? { lng: String(village.centre.lng), lat: String(village.centre.lat) } : {}),
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    if (!checked.ok) return setProblems(checked.problems);
    setProblems(new Set());
    const result = await submitCommand({ type: 'registerTarget', target: checked.entry });
    if (!result.ok) return setMessage(say(result.error));
    // An edit is done once sent: the row shows it when the hub confirms. A new entry keeps the form for the next.
    if (editing) return onClose();
    setMessage(t('targets.sent'));
    setDraft(emptyDraft(draft.kind));
  };

  return { draft, problems, message, update, chooseVillage, submit };
}
