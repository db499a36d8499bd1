/**
 * Undo actions (kill a child, remove a directory), run last-in first-out exactly once whether the run ends
 * normally, fails or is interrupted. They are synchronous so that a signal handler can run them too.
 */
export class Cleanup {
  private actions: { run: () => void }[] = [];

  /** Registers an action; the returned function runs it early and unregisters it. */
  add(action: () => void): () => void {
    const entry = { run: action };
    this.actions.push(entry);
    return () => {
      if (!this.actions.includes(entry)) return;
      this.actions = this.actions.filter((other) => other !== entry);
      entry.run();
    };
  }

  runAll(): void {
    while (this.actions.length > 0) {
      const entry = this.actions.pop()!;
      try {
        entry.run();
      } catch (error) {
        console.error(`cleanup failed: ${(error as Error).message}`);
      }
    }
  }
}
