import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import rootEn from '../../renderer/src/i18n/en.json';
import rootZh from '../../renderer/src/i18n/zh-CN.json';
import wordsEn from '../../renderer/src/words/i18n/en.json';
import wordsZh from '../../renderer/src/words/i18n/zh-CN.json';
import { say, sayIssue, type FieldIssue } from '../../renderer/src/words/say';
import { z } from 'zod';
import {
  BRIEFING_PERIODS,
  DEFAULT_SLA,
  DIFFICULTIES,
  residentIdSchema,
  slaConfigSchema,
  MESSAGE_CODES,
  PERMISSIONS,
  operatorCommandSchema,
  wording,
  type Wording,
} from '../../src/domain';

const BUNDLES = { 'zh-CN': wordsZh, en: wordsEn } as const;
const COMMAND_TYPES = operatorCommandSchema.options.map((option) => option.shape.type.value);
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

async function translator(language: 'zh-CN' | 'en'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    lng: language,
    resources: {
      'zh-CN': { translation: { ...rootZh, words: wordsZh } },
      en: { translation: { ...rootEn, words: wordsEn } },
    },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('every message the hub or the core may send is worded in both languages', () => {
  it.each(MESSAGE_CODES)('%s', (code) => {
    const zh = (wordsZh.message as Record<string, string>)[code];
    const en = (wordsEn.message as Record<string, string>)[code];
    expect(zh, `zh-CN lacks ${code}`).toBeTruthy();
    expect(en, `en lacks ${code}`).toBeTruthy();
    expect(placeholders(zh!)).toEqual(placeholders(en!));
    expect(zh!.replace(/\{\{\w+\}\}/g, ''), 'no Latin sentence in Chinese').not.toMatch(/[A-Za-z]{3,}/);
  });

  it('words no code the domain does not send', () => {
    for (const bundle of Object.values(BUNDLES))
      expect(Object.keys(bundle.message).sort()).toEqual([...MESSAGE_CODES].sort());
  });

  it.each([
    ['action', COMMAND_TYPES],
    ['permission', PERMISSIONS],
    ['period', BRIEFING_PERIODS],
    ['difficulty', DIFFICULTIES],
  ] as const)('every %s a message names', (group, values) => {
    for (const [language, bundle] of Object.entries(BUNDLES)) {
      const words = bundle[group] as Record<string, string>;
      for (const value of values) expect(words[value], `${language} ${group}.${value}`).toBeTruthy();
    }
  });
});

describe('say', () => {
  let zh: TFunction;
  let en: TFunction;
  beforeAll(async () => {
    [zh, en] = await Promise.all([translator('zh-CN'), translator('en')]);
  });

  it('writes a time in China time, never as ISO', () => {
    const refused = wording('changedBy', { by: '值班员 李明', at: '2026-03-01T17:30:00.000Z' });
    expect(say(zh, 'zh-CN', refused)).toBe(
      '事件在您查看后已由值班员 李明于 2026年3月2日 01:30 更新，请查看最新情况后再操作',
    );
    expect(say(en, 'en', refused)).toContain('2 Mar 2026, 01:30');
  });

  it.each<[Wording, string]>([
    [
      wording('illegalInStage', { action: 'assign', stage: 'report' }),
      '事件处于“发现上报”环节，不能分流交办',
    ],
    [wording('roleMayNot', { role: 'viewer', action: 'assess' }), '查看不能研判定级'],
    [
      wording('roleLacksPermission', { role: 'operator', permission: 'switch-mode' }),
      '值班员无权切换平战状态',
    ],
    [wording('alreadyInMode', { mode: 'wartime' }), '本辖区已处于战时状态'],
    [
      wording('residentIdCheckCharacter', { expected: 'X', actual: '3' }),
      '公民身份号码校验位应为 X，不是 3，可能有一位输错',
    ],
    [wording('periodNotBegun', { period: 'week', from: '2026-03-09' }), '该周（2026年3月9日 起）尚未开始'],
  ])('words codes named in its parameters: %j', (words, expected) => {
    expect(say(zh, 'zh-CN', words)).toBe(expected);
    expect(say(en, 'en', words)).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it.each<[string, z.ZodType, unknown, string]>([
    [
      'a mistyped resident ID number',
      residentIdSchema,
      '53290119900307001X',
      '公民身份号码校验位应为 5，不是 X，可能有一位输错',
    ],
    ['a text too short', z.string().min(4), '短', '至少填写 4 个字'],
    [
      'a wartime limit longer than peacetime',
      slaConfigSchema,
      { ...DEFAULT_SLA, wartime: { ...DEFAULT_SLA.wartime, assign: { high: 999, medium: 999, low: 999 } } },
      '战时时限不能长于平时（分流交办，高风险）',
    ],
  ])('words a form’s problem with %s', (_case, schema, value, expected) => {
    const issue = schema.safeParse(value).error!.issues[0] as FieldIssue;
    expect(sayIssue(zh, 'zh-CN', issue)).toBe(expected);
  });
});

describe('the shell', () => {
  it('words the wait for a tab’s screen in both languages', async () => {
    expect((await translator('zh-CN'))('app.screenLoading')).toBe('正在打开…');
    expect((await translator('en'))('app.screenLoading')).toBe('Opening…');
  });
});
