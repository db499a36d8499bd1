import { z } from 'zod';
import { wording, type Wording } from './wording';

/** GB 11643-1999: the weights of the first 17 characters, and the check character for each remainder mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

/** The 18th character of a resident ID number whose first 17 are `first17`. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error(`${first17} is not the 17 digits before a check character`);
  const sum = [...first17].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index]!, 0);
  return CHECK_CHARACTERS[sum % 11]!;
}

function isCalendarDate(yyyymmdd: string): boolean {
  const [year, month, day] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6)].map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month! - 1 && date.getUTCDate() === day;
}

/** What is wrong with an 18-character resident ID number (公民身份号码), worded for the operator to act on; null if nothing. */
export function residentIdProblem(idNumber: string): Wording | null {
  if (idNumber.length !== 18)
    return wording(
      'residentIdLength',
      { length: idNumber.length },
      `a resident ID number has 18 characters, this one has ${idNumber.length}`,
    );
  if (!/^\d{17}$/.test(idNumber.slice(0, 17)))
    return wording('residentIdDigits', {}, 'the first 17 characters of a resident ID number are digits');
  if (!/^[\dX]$/.test(idNumber[17]!))
    return wording(
      'residentIdLastCharacter',
      {},
      'the last character of a resident ID number is a digit or X',
    );
  const birth = idNumber.slice(6, 14);
  if (!isCalendarDate(birth) || Number(birth.slice(0, 4)) < 1900) {
    return wording(
      'residentIdBirthDate',
      { birth },
      `characters 7–14 of a resident ID number are the date of birth, and ${birth} is not one`,
    );
  }
  const expected = residentIdCheckCharacter(idNumber.slice(0, 17));
  if (idNumber[17] !== expected) {
    return wording(
      'residentIdCheckCharacter',
      { expected, actual: idNumber[17]! },
      `the check character of this resident ID number should be ${expected}, not ${idNumber[17]}: a digit was mistyped`,
    );
  }
  return null;
}

/** A resident ID number with a lower-case x accepted (people type it so) and stored upper-case. */
export const residentIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((idNumber, ctx) => {
    const problem = residentIdProblem(idNumber);
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.message ?? problem.code, params: { words: problem } });
  });
