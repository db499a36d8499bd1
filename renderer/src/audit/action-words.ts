import type { TFunction } from 'i18next';
import type { AuditRecordView } from '../../../src/core/contract/audit';

/**
 * The families of audited actions the screen filters by, as the hub names them (`AUDITED_ACTIONS`): an action's
 * code begins with its family and a dot.
 */
export const ACTION_FAMILIES = [
  'auth',
  'account',
  'security',
  'command',
  'personal-data',
  'api-key',
  'audit',
  'video',
] as const;

function familyOf(action: string): string {
  const family = action.split('.')[0] ?? '';
  return (ACTION_FAMILIES as readonly string[]).includes(family) ? family : 'other';
}

/** The operator's command a record is about (`addNote`, …): in its action's code, or else its detail. */
function commandTypeOf(action: string, detail: unknown): string | undefined {
  if (action.startsWith('command.')) return action.slice('command.'.length);
  if (typeof detail !== 'object' || detail === null) return undefined;
  const type = (detail as { type?: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/**
 * An audited action in the reader's language, from the code table (`audit.actions`): the action's own words, or
 * its family's for one the table does not know yet, and for an operator's command the command it carried. Never
 * the raw code.
 */
export function wordAction(t: TFunction, record: Pick<AuditRecordView, 'action' | 'detail'>): string {
  const table = t('audit.actions', { returnObjects: true }) as Record<string, string>;
  const family = familyOf(record.action);
  const action = table[record.action] ?? t(`audit.families.${family}`);
  const command = family === 'command' ? commandTypeOf(record.action, record.detail) : undefined;
  const commandWords = command && t(`words.action.${command}`, { defaultValue: '' });
  return commandWords ? t('audit.withCommand', { action, command: commandWords }) : action;
}

/** Who acted, as screens name them: by name when the hub knows one, a field system by its source. */
export function wordActor(t: TFunction, record: Pick<AuditRecordView, 'actor' | 'actorName'>): string {
  if (record.actorName) return record.actorName;
  if (record.actor.startsWith('key:')) return t('audit.fieldSystem', { source: record.actor.slice(4) });
  if (record.actor === 'system') return t('audit.system');
  return record.actor;
}
