/**
 * An import reports every problem it finds, so that a centre can fix its files in one pass rather than
 * one error per attempt; past a limit further problems are mostly consequences of the first ones.
 */
export const MAX_PROBLEMS = 50;

/** How many further features or rows a repeated problem names after the first. */
const NAMED_AFTER_FIRST = 3;

/** One problem that repeats: said once, with how often, the first in full and a few more by name. */
interface Repeated {
  first: string;
  subjects: string[];
  count: number;
  summary: (count: number) => string;
}

export interface Occurrence {
  /** Occurrences with the same cause are reported together. */
  cause: string;
  /** The whole line for this occurrence alone, naming the file, the feature or row and the cause. */
  message: string;
  /** The feature or row, as named in the list of further occurrences: "feature 7 (grid …)", "line 40". */
  subject: string;
  /** The line's opening when the cause repeats, given the count: "grids.geojson: 37 grids of 大理市 …". */
  summary: (count: number) => string;
}

export class ProblemList {
  private readonly entries: (string | Repeated)[] = [];
  private readonly repeated = new Map<string, Repeated>();
  private truncated = false;

  add(message: string): void {
    if (this.entries.length < MAX_PROBLEMS) this.entries.push(message);
    else this.truncated = true;
  }

  /** A problem that may recur feature after feature (a wrong .prj moves all of them) is listed once. */
  addOccurrence({ cause, message, subject, summary }: Occurrence): void {
    const known = this.repeated.get(cause);
    if (known) {
      known.count += 1;
      if (known.subjects.length <= NAMED_AFTER_FIRST) known.subjects.push(subject);
      return;
    }
    if (this.entries.length >= MAX_PROBLEMS) {
      this.truncated = true;
      return;
    }
    const entry: Repeated = { first: message, subjects: [subject], count: 1, summary };
    this.repeated.set(cause, entry);
    this.entries.push(entry);
  }

  /**
   * A feature's or row's problem, grouped with the same problem elsewhere in the file: problems that
   * differ only in numbers, bracketed positions or quoted text share a cause.
   */
  addAt(fileName: string, subject: string, problem: string, things = 'features'): void {
    this.addOccurrence({
      cause: `${fileName}\0${problem.replace(/"[^"]*"|\[[^\]]*\]|\d+(\.\d+)?/g, '#')}`,
      message: `${fileName} ${subject}: ${problem}`,
      subject,
      summary: (count) => `${fileName}: ${count} ${things} have the same problem`,
    });
  }

  /** Lets the costly geometric checks stop once nothing more would be reported. */
  get isFull(): boolean {
    return this.entries.length >= MAX_PROBLEMS;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }

  list(): string[] {
    const lines = this.entries.map((entry) => (typeof entry === 'string' ? entry : describeRepeated(entry)));
    if (!this.truncated) return lines;
    return [...lines, `stopped after ${MAX_PROBLEMS} problems: fix these and import again`];
  }
}

function describeRepeated({ first, subjects, count, summary }: Repeated): string {
  if (count === 1) return first;
  const others = subjects.slice(1);
  const unnamed = count - 1 - others.length;
  const also = `; also ${others.join(', ')}${unnamed > 0 ? ` and ${unnamed} more` : ''}`;
  return `${summary(count)}: first ${first}${also}`;
}

/** A share of an area as problems state it: small shares keep a decimal so that 1.4% does not read as 1%. */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** A distance as problems state it: metres below a kilometre, kilometres with a decimal below 10. */
export function formatDistance(metres: number): string {
  if (metres < 1000) return `${Math.round(metres)} m`;
  const kilometres = metres / 1000;
  return `${kilometres < 10 ? kilometres.toFixed(1) : Math.round(kilometres)} km`;
}
