import { execFileSync } from 'node:child_process';

/**
 * Tests that run `bin/pingan.js` run the compiled command. It compiles itself when a source changed, but
 * says so on stderr, which some tests read: compile once here, before any of them starts.
 */
export default function compileTheCommand(): void {
  execFileSync(process.execPath, ['scripts/build-code.js', '--if-stale'], { stdio: 'inherit' });
}
