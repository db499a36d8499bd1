const PLAIN_UPDATE_INTERVAL_MS = 5000;

/**
 * Progress on stderr, so stdout carries only the results: each phase with the time it took, and updates
 * within it. A terminal gets one update line rewritten in place; a log file gets one every few seconds.
 */
export class Progress {
  private lineOpen = false;
  private lastPlainUpdate = 0;
  private current: { title: string; startedAt: number } | undefined;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  phase(title: string): void {
    this.endLine();
    if (this.current) {
      const seconds = (performance.now() - this.current.startedAt) / 1000;
      this.stream.write(`  (${seconds.toFixed(1)} s)\n`);
    }
    this.stream.write(`▸ ${title}\n`);
    this.current = { title, startedAt: performance.now() };
    this.lastPlainUpdate = 0;
  }

  update(text: string): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[K  ${text}`);
      this.lineOpen = true;
      return;
    }
    const now = Date.now();
    if (now - this.lastPlainUpdate < PLAIN_UPDATE_INTERVAL_MS) return;
    this.lastPlainUpdate = now;
    this.stream.write(`  ${text}\n`);
  }

  endLine(): void {
    if (!this.lineOpen) return;
    this.stream.write('\n');
    this.lineOpen = false;
  }
}
