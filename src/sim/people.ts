import type { Random } from '../regions/seeded-random';
import type { Reporter } from '../domain';
import { chance, pick } from './draw';

// Common surnames of Yunnan and Gansu, Bai and Yi surnames (段, 杨, 字, 尹) among them.
const SURNAMES = '王李张刘陈杨赵黄周吴段字尹董苏马罗何郭高朱胡徐孙普鲁施'.split('');
const GIVEN = '文华建国丽明秀兰志强芳军红梅海燕德清永春玉凤金平英光荣云贵富昌'.split('');

export function personName(random: Random): string {
  const given = chance(random, 0.7) ? pick(random, GIVEN) + pick(random, GIVEN) : pick(random, GIVEN);
  return pick(random, SURNAMES) + given;
}

const MOBILE_PREFIXES = ['135', '136', '138', '139', '150', '151', '157', '158', '187', '188', '189', '199'];

export function mobilePhone(random: Random): string {
  let digits = pick(random, MOBILE_PREFIXES);
  while (digits.length < 11) digits += String(Math.floor(random() * 10));
  return digits;
}

/** Who filed it, and whether there is anyone to call back at the follow-up. */
export function reporterFor(
  source: 'grid-worker' | 'citizen-qr' | 'hotline',
  random: Random,
): Reporter | null {
  switch (source) {
    case 'grid-worker':
      return { name: personName(random), phone: mobilePhone(random) };
    case 'citizen-qr':
      return chance(random, 0.6)
        ? { name: personName(random), phone: mobilePhone(random) }
        : { phone: mobilePhone(random) };
    case 'hotline':
      if (chance(random, 0.1)) return null;
      return chance(random, 0.5)
        ? { name: personName(random), phone: mobilePhone(random) }
        : { phone: mobilePhone(random) };
  }
}
