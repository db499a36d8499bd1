/**
 * How personal data shows on a screen others can read (the wall, a briefing): enough to tell records apart,
 * not enough to identify anyone. Characters, not UTF-16 units, so a rare character in a name stays whole.
 */
const MASK = '*';

/** 张三丰 → 张*丰, 李四 → 李*, 欧阳小芳 → 欧**芳: the surname, and the last character of a longer name. */
export function maskName(name: string): string {
  const characters = [...name.trim()];
  if (characters.length <= 1) return MASK;
  if (characters.length === 2) return `${characters[0]}${MASK}`;
  return `${characters[0]}${MASK.repeat(characters.length - 2)}${characters.at(-1)}`;
}

/** 532901199001011234 → 532901********1234: the issuing county and the last four, as on a bank receipt. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return MASK.repeat(idNumber.length);
  return `${idNumber.slice(0, 6)}${MASK.repeat(idNumber.length - 10)}${idNumber.slice(-4)}`;
}

/** 13800000000 → 138****0000; a landline the same way: 0872-2123456 → 087*****3456. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return MASK.repeat(phone.length);
  return `${phone.slice(0, 3)}${MASK.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
