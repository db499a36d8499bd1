import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { wordingOfIssue, type FieldIssue } from '../../../src/domain/field-issue';
import type { MessageParams, Wording } from '../../../src/domain/wording';
import { formatChinaDate, formatChinaDateTime } from './china-time';

export type { FieldIssue };

const INSTANTS = new Set(['at', 'deadline', 'due', 'acknowledgeBy']);
const DAYS = new Set(['from']);
/** Parameters that are codes, and where their words are. */
const CODED: Record<string, string> = {
  stage: 'stage',
  role: 'role',
  mode: 'mode',
  action: 'words.action',
  permission: 'words.permission',
  period: 'words.period',
  risk: 'risk',
  difficulty: 'words.difficulty',
  easier: 'words.difficulty',
  /** Live video's refusals are worded with the video screens, which load with the map. */
  videoRefusal: 'video.refusal',
};

function wordParams(t: TFunction, language: string, params: MessageParams): Record<string, string> {
  const worded: Record<string, string> = { role: t('words.anyone') };
  for (const [name, value] of Object.entries(params)) {
    const text = String(value);
    if (INSTANTS.has(name)) worded[name] = formatChinaDateTime(text, language);
    else if (DAYS.has(name)) worded[name] = formatChinaDate(text, language);
    else if (CODED[name]) worded[name] = t(`${CODED[name]}.${text}`, params);
    else worded[name] = text;
  }
  return worded;
}

/** What the hub or the core said, in the reader's language, with times in China time. */
export function say(t: TFunction, language: string, words: Wording): string {
  return t(`words.message.${words.code}`, wordParams(t, language, words.params));
}

/** `say` bound to the screen's language. */
export function useSay(): (words: Wording) => string {
  const { t, i18n } = useTranslation();
  return useCallback((words: Wording) => say(t, i18n.language, words), [t, i18n.language]);
}

/** A form field's problem, in the reader's language. */
export function sayIssue(t: TFunction, language: string, issue: FieldIssue): string {
  return say(t, language, wordingOfIssue(issue));
}
