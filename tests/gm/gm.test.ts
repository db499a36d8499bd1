import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PersonalDataSeal, SealError, opensslHasGm, opensslPrimitives, pureJsPrimitives } from '../../src/gm';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('国密 primitives', () => {
  it('OpenSSL here has SM3 and SM4, so both sources are compared', () => {
    expect(opensslHasGm()).toBe(true);
  });

  it('SM3 of "abc" is the GB/T 32905 test vector from both sources', () => {
    const expected = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    expect(opensslPrimitives.sm3(utf8('abc')).toString('hex')).toBe(expected);
    expect(pureJsPrimitives.sm3(utf8('abc')).toString('hex')).toBe(expected);
  });

  it('SM4 encrypts the GB/T 32907 test vector identically from both sources', () => {
    const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
    const iv = Buffer.alloc(16);
    const expectedFirstBlock = '681edf34d206965e86b3e94f536e4246';
    for (const primitives of [opensslPrimitives, pureJsPrimitives]) {
      expect(primitives.sm4CbcEncrypt(key, iv, key).subarray(0, 16).toString('hex')).toBe(expectedFirstBlock);
    }
  });

  it.each([0, 1, 15, 16, 17, 100, 4096])('gives the same bytes for %i-byte messages', (length) => {
    const key = randomBytes(16);
    const iv = randomBytes(16);
    const data = randomBytes(length);
    expect(pureJsPrimitives.sm3(data)).toEqual(opensslPrimitives.sm3(data));
    expect(pureJsPrimitives.hmacSm3(key, data)).toEqual(opensslPrimitives.hmacSm3(key, data));
    const sealed = opensslPrimitives.sm4CbcEncrypt(key, iv, data);
    expect(pureJsPrimitives.sm4CbcEncrypt(key, iv, data)).toEqual(sealed);
    expect(pureJsPrimitives.sm4CbcDecrypt(key, iv, sealed)).toEqual(data);
  });
});

describe('PersonalDataSeal', () => {
  const key = randomBytes(32);

  it('seals the same bytes with either source and opens with the other', () => {
    const iv = randomBytes(16);
    const byOpenssl = new PersonalDataSeal(key, opensslPrimitives).seal('532901199001011234', iv);
    const byPureJs = new PersonalDataSeal(key, pureJsPrimitives).seal('532901199001011234', iv);
    expect(byPureJs).toBe(byOpenssl);
    expect(new PersonalDataSeal(key, pureJsPrimitives).open(byOpenssl)).toBe('532901199001011234');
    expect(byOpenssl).not.toContain('1234');
  });

  it('gives a different sealed value each time, opening to the same text', () => {
    const seal = new PersonalDataSeal(key);
    const [first, second] = [seal.seal('13800000000'), seal.seal('13800000000')];
    expect(first).not.toBe(second);
    expect(seal.open(first)).toBe('13800000000');
    expect(seal.open(second)).toBe('13800000000');
  });

  const sealed = new PersonalDataSeal(key).seal('张三 13800000000');
  const flipped = (() => {
    const bytes = Buffer.from(sealed.slice(4), 'base64url');
    bytes[20]! ^= 1;
    return `sm4:${bytes.toString('base64url')}`;
  })();
  it.each([
    ['plain text', '13800000000'],
    ['a truncated value', sealed.slice(0, 30)],
    ['one flipped bit', flipped],
    ['empty after the prefix', 'sm4:'],
  ])('refuses to open %s', (_, value) => {
    expect(() => new PersonalDataSeal(key).open(value)).toThrow(SealError);
  });

  it('refuses a value sealed with another key', () => {
    expect(() => new PersonalDataSeal(randomBytes(32)).open(sealed)).toThrow(SealError);
  });

  it('refuses a key of the wrong length', () => {
    expect(() => new PersonalDataSeal(randomBytes(16))).toThrow(/16 bytes, not 32/);
  });
});
