/**
 * An import reports every problem it finds, so that a centre can fix its files in one pass rather than
 * one error per attempt; past a limit further problems are mostly consequences of the first ones.
 */
export const MAX_PROBLEMS = 50;

export class ProblemList {
  private readonly messages: string[] = [];
  private truncated = false;

  add(message: string): void {
    if (this.messages.length < MAX_PROBLEMS) this.messages.push(message);
    else this.truncated = true;
  }

  /** Lets the costly geometric checks stop once nothing more would be reported. */
  get isFull(): boolean {
    return this.messages.length >= MAX_PROBLEMS;
  }

  get isEmpty(): boolean {
    return this.messages.length === 0;
  }

  list(): string[] {
    if (!this.truncated) return [...this.messages];
    return [...this.messages, `stopped after ${MAX_PROBLEMS} problems: fix these and import again`];
  }
}

/** A share of an area as problems state it: small shares keep a decimal so that 1.4% does not read as 1%. */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}
