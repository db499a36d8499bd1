/**
 * Characters that do not show, or show as nothing, in a spreadsheet or a terminal: control characters,
 * zero-width and direction marks. A code holding one fails to match while looking right, and a name
 * holding one searches wrong, so they are refused with their position rather than carried into the
 * region. (A byte-order mark inside a tree is looked for in the whole text, see `tree-csv.ts`.)
 */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x0000, 0x001f], // control characters, NUL, tab and line breaks among them
  [0x007f, 0x009f], // DEL and the C1 controls
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f], // zero-width spaces and joiners, direction marks
  [0x2028, 0x202e], // line and paragraph separators, direction embeddings and overrides
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfff0, 0xfffb],
];

function isInvisible(codePoint: number): boolean {
  return INVISIBLE_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);
}

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
};

/** Says which invisible character `text` holds and where (counting from 1), or undefined if none. */
export function invisibleCharacterIn(text: string): string | undefined {
  let position = 0;
  for (const character of text) {
    position += 1;
    const codePoint = character.codePointAt(0) ?? 0;
    if (!isInvisible(codePoint)) continue;
    const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    return `an invisible ${hex} (${NAMES[codePoint] ?? 'invisible character'}) at character ${position}`;
  }
  return undefined;
}
