#!/usr/bin/env node
// `npm test` drives a real Chromium; say exactly what to install when it is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`npm test needs Chromium at ${chromium} for the end-to-end tests.`);
  console.error(
    'Install it with:  sudo apt-get install chromium   (or set CHROMIUM_PATH to another Chromium)',
  );
  process.exit(1);
}

// The video tests run real ffmpeg cameras into a real media server.
if (spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status !== 0) {
  console.error(
    'npm test needs ffmpeg for the live-video tests (the demo cameras are ffmpeg test pictures).',
  );
  console.error('Install it with:  sudo apt-get install ffmpeg');
  process.exit(1);
}
