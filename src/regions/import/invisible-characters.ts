/**
 * Characters that do not show, or show as nothing, in a spreadsheet or a terminal: control characters,
 * zero-width and direction marks, and a byte-order mark inside the text (two files pasted together). A
 * code holding one fails to match while looking right, and a name holding one searches wrong, so they
 * are refused with their position rather than carried into the region.
 */
const INVISIBLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufeff\ufff0-\ufffb]/u;

const NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'line break',
  0x0d: 'carriage return',
  0xad: 'soft hyphen',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0xfeff: 'byte-order mark',
};

/** Says which invisible character `text` holds and where (counting from 1), or undefined if none. */
export function invisibleCharacterIn(text: string): string | undefined {
  const match = INVISIBLE.exec(text);
  if (!match) return undefined;
  const codePoint = match[0].codePointAt(0) ?? 0;
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = NAMES[codePoint] ?? 'invisible character';
  return `an invisible ${hex} (${name}) at character ${match.index + 1}`;
}
