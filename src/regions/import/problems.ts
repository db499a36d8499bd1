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
