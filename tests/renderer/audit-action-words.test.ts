import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import auditEn from '../../renderer/src/audit/i18n/en.json';
import auditZh from '../../renderer/src/audit/i18n/zh-CN.json';
import { ACTION_FAMILIES, wordAction } from '../../renderer/src/audit/action-words';
import wordsEn from '../../renderer/src/words/i18n/en.json';
import wordsZh from '../../renderer/src/words/i18n/zh-CN.json';
import { AUDITED_ACTIONS, operatorCommandSchema } from '../../src/domain';

const COMMAND_TYPES = operatorCommandSchema.options.map((option) => option.shape.type.value);
const LANGUAGES = ['zh-CN', 'en'] as const;

async function translator(language: (typeof LANGUAGES)[number]): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    lng: language,
    resources: {
      'zh-CN': { translation: { audit: auditZh, words: wordsZh } },
      en: { translation: { audit: auditEn, words: wordsEn } },
    },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const t: Partial<Record<(typeof LANGUAGES)[number], TFunction>> = {};
beforeAll(async () => {
  for (const language of LANGUAGES) t[language] = await translator(language);
});

const cases = LANGUAGES.flatMap((language) => AUDITED_ACTIONS.map((action) => [language, action] as const));

describe('the audit screen words every action the hub records', () => {
  it.each(cases)('%s: %s has its own words', (language, action) => {
    const table = (language === 'en' ? auditEn : auditZh).actions as Record<string, string>;
    expect(table[action], `${language} lacks ${action}`).toBeTruthy();
    const words = wordAction(t[language]!, { action, detail: {} });
    expect(words).toBe(table[action]);
    if (language === 'zh-CN') expect(words).not.toMatch(/[A-Za-z]{3,}/);
  });

  it.each(AUDITED_ACTIONS)('%s belongs to a family the screen filters by', (action) => {
    expect(ACTION_FAMILIES as readonly string[]).toContain(action.split('.')[0]);
  });

  it('words no action the hub does not record', () => {
    for (const table of [auditEn.actions, auditZh.actions])
      expect(Object.keys(table).sort()).toEqual([...AUDITED_ACTIONS].sort());
  });

  const commandCases = LANGUAGES.flatMap((language) =>
    COMMAND_TYPES.map((type) => [language, type] as const),
  );
  it.each(commandCases)('%s: command.%s is worded by its command', (language, type) => {
    const command = (language === 'en' ? wordsEn : wordsZh).action as Record<string, string>;
    const words = wordAction(t[language]!, { action: `command.${type}`, detail: { ok: true } });
    expect(command[type], `${language} lacks the command ${type}`).toBeTruthy();
    expect(words).toContain(command[type]);
    expect(words).not.toContain('command.');
    if (language === 'zh-CN') expect(words).not.toMatch(/[A-Za-z]{3,}/);
  });
});
