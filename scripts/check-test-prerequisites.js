#!/usr/bin/env node
// `npm test` drives a real Chromium; say exactly what to install when it is missing.
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`npm test needs Chromium at ${chromium} for the end-to-end tests.`);
  console.error(
    'Install it with:  sudo apt-get install chromium   (or set CHROMIUM_PATH to another Chromium)',
  );
  process.exit(1);
}
