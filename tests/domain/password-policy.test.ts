import { describe, expect, it } from 'vitest';
import { characterClasses, passwordExpired, passwordProblems } from '../../src/domain';

describe('the password policy (等保 2.0 level 3)', () => {
  it.each([
    ['long, three classes', 'harbour-lights9', []],
    ['all four classes', 'Harbour-Lights9', []],
    ['nine characters', 'Abcdefg1!', ['passwordTooShort']],
    ['ten characters of two classes', 'abcdefghi1', ['passwordTooFewClasses']],
    ['one class only', 'abcdefghijklmnop', ['passwordTooFewClasses']],
    ['the name inside, any case', 'xx-ZhangSan-99', ['passwordContainsName']],
    [
      'short, one class, the name',
      'zhangsan',
      ['passwordTooShort', 'passwordTooFewClasses', 'passwordContainsName'],
    ],
    ['Chinese characters count as characters, not bytes', '平安指挥中心值班密码A1', []],
    ['ten characters counted by code point, not UTF-16 unit', '𠀀𠀀𠀀𠀀𠀀𠀀𠀀𠀀a1', []],
  ])('%s', (_, password, codes) => {
    expect(passwordProblems(password, 'zhangsan').map((problem) => problem.code)).toEqual(codes);
  });

  it('says how short and how mixed, for the screen to word', () => {
    expect(passwordProblems('Ab1', 'li')).toEqual([
      { code: 'passwordTooShort', params: { min: 10, length: 3 } },
    ]);
    expect(passwordProblems('abcdefghijk', 'li')).toEqual([
      { code: 'passwordTooFewClasses', params: { min: 3, classes: 1 } },
    ]);
  });

  it('counts the four character classes', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('aB3')).toBe(3);
    expect(characterClasses('aB3!')).toBe(4);
  });

  it('expires a password on its expiry day, not before', () => {
    const changedAt = '2026-01-01T00:00:00.000Z';
    const day = 24 * 60 * 60 * 1000;
    expect(passwordExpired(changedAt, Date.parse(changedAt) + 89 * day, 90)).toBe(false);
    expect(passwordExpired(changedAt, Date.parse(changedAt) + 90 * day, 90)).toBe(true);
  });
});
