/**
 * A one-line progress bar on stderr for long commands. On a terminal it redraws in place; elsewhere
 * (CI logs, pipes) it prints one line per step so logs stay readable.
 */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr) {
  const width = 28;
  return (done: number, total: number, label: string): void => {
    const fraction = total === 0 ? 1 : done / total;
    const filled = Math.round(fraction * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    const line = `${bar} ${String(Math.round(fraction * 100)).padStart(3)}%  ${done}/${total}  ${label}`;
    if (stream.isTTY) {
      stream.write(`\r${line}\x1b[K${done === total ? '\n' : ''}`);
    } else {
      stream.write(`${line}\n`);
    }
  };
}
