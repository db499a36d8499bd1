import { describe, expect, it } from 'vitest';
import en from '../../renderer/src/administration/i18n/en.json';
import zhCN from '../../renderer/src/administration/i18n/zh-CN.json';
import { CREATABLE_ROLES } from '../../renderer/src/administration/creatable-roles';
import { ADMIN_ROLES, ROLES } from '../../src/domain';

/** Every key of a nested table, as dotted paths, with its text. */
function entries(table: object, prefix = ''): [string, string][] {
  return Object.entries(table).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null
      ? entries(value as object, `${prefix}${key}.`)
      : [[`${prefix}${key}`, String(value)] as [string, string]],
  );
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('the administration screen in both languages', () => {
  const english = new Map(entries(en));
  const chinese = entries(zhCN);

  it('has the same words in zh-CN as in English', () => {
    expect(chinese.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
  });

  it.each(chinese)('%s: the same parameters, and no Latin sentence in Chinese', (key, text) => {
    expect(placeholders(text)).toEqual(placeholders(english.get(key)!));
    expect(text.replace(/\{\{\w+\}\}/g, '')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('offers a new account every role but the administrators’, which the security administrator gives', () => {
    expect(CREATABLE_ROLES).toEqual(
      ROLES.filter((role) => !(ADMIN_ROLES as readonly string[]).includes(role)),
    );
    expect(CREATABLE_ROLES).toContain('operator');
  });
});
