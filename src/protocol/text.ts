import { z } from 'zod';

/**
 * Free text the hub takes from outside (a title, a note, a reporter's name): one schema for every field, so
 * that every endpoint refuses the same things with the same words, whichever store sits behind the hub.
 *
 * The text is normalised first (NFC, so two spellings of one character compare equal; trimmed), then
 * refused if it holds anything an operator cannot see or PostgreSQL cannot store:
 * - a lone surrogate (half of a character, which no UTF-8 store can write);
 * - NUL and the other control characters (PostgreSQL refuses NUL in text);
 * - format characters (Unicode category Cf): zero-width spaces and joiners, bidirectional overrides and
 *   isolates, the byte-order mark, the soft hyphen — they hide or reorder the text read out;
 * - for a required field, text that is blank once the characters that print as nothing are taken away
 *   (the Hangul fillers, the braille blank, the combining grapheme joiner).
 */

const LONE_SURROGATE = /\p{Cs}/u;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const FORMAT_CHARACTER = /\p{Cf}/u;
const LINE_BREAK = /[\t\n\r\u2028\u2029]/u;
/** Characters that are neither spaces nor format characters yet print as nothing. */
const BLANK_CHARACTERS = /\u034F|\u17B4|\u17B5|[\s\p{Cf}\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** NFC and trimmed; a lone surrogate is left for the check to name (NFC keeps it as it is). */
function normalise(value: string): string {
  return value.normalize('NFC').trim();
}

function problemOf(value: string, multiline: boolean): string | null {
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (half of a character)';
  if (CONTROL_CHARACTER.test(value)) return 'contains a control character (such as NUL)';
  if (FORMAT_CHARACTER.test(value)) {
    return 'contains an invisible formatting character (zero-width, bidirectional override)';
  }
  if (!multiline && LINE_BREAK.test(value)) return 'contains a line break or a tab';
  return null;
}

function isBlank(value: string): boolean {
  return value.replace(BLANK_CHARACTERS, '').length === 0;
}

interface TextRules {
  /** Longest, in UTF-16 units after normalising. */
  max: number;
  /** Whether the field may be left empty. */
  optional?: boolean;
  /** Whether line breaks and tabs are kept (a description, a note). */
  multiline?: boolean;
}

/** A free-text field by the rules above; a required one is refused when blank. */
export function freeText({ max, optional = false, multiline = false }: TextRules) {
  return z
    .string()
    .transform(normalise)
    .pipe(
      z
        .string()
        .max(max)
        .superRefine((value, ctx) => {
          const problem = problemOf(value, multiline);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
          else if (!optional && isBlank(value)) ctx.addIssue({ code: 'custom', message: 'is blank' });
        }),
    );
}

/** One line of text: a title, an address, an id the sender gave. */
export const lineOfText = (max: number) => freeText({ max });
/** One line that may be left empty (an address). */
export const optionalLineOfText = (max: number) => freeText({ max, optional: true });
/** Several lines that may be left empty (a description, a note). */
export const paragraphsOfText = (max: number) => freeText({ max, optional: true, multiline: true });
