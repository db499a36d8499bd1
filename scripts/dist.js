// `npm run dist`: the desktop packages of electron-builder.yml (AppImage and deb for Linux on x64 and arm64,
// the Kylin and UOS machines among them; NSIS for Windows x64). electron-builder downloads Electron for each
// target; where it cannot, this stops at once with one line saying what to provide, before any build runs.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGETS = [
  { platform: 'linux', arch: 'x64', flags: ['--linux', '--x64'] },
  { platform: 'linux', arch: 'arm64', flags: ['--linux', '--arm64'] },
  { platform: 'win32', arch: 'x64', flags: ['--win', '--x64'] },
];
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const PROBE_TIMEOUT_MS = 10_000;

const electronVersion = JSON.parse(
  readFileSync(join(REPO_ROOT, 'node_modules/electron/package.json'), 'utf8'),
).version;
const zipName = ({ platform, arch }) => `electron-v${electronVersion}-${platform}-${arch}.zip`;

/** Where Electron's zips may already be: the folder named by ELECTRON_CACHE, else @electron/get's cache. */
function cacheFolders() {
  const named = process.env.ELECTRON_CACHE ?? process.env.npm_config_electron_cache;
  if (named) return [named];
  const base =
    process.platform === 'win32'
      ? join(process.env.LOCALAPPDATA ?? join(homedir(), 'AppData/Local'), 'electron/Cache')
      : join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'electron');
  return [base];
}

/** The zip in a cache folder itself or in one of its subfolders (@electron/get keeps one per download URL). */
function findZip(name) {
  for (const folder of cacheFolders().filter((path) => existsSync(path))) {
    const candidates = [
      folder,
      ...readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => join(folder, entry.name)),
    ];
    const found = candidates.map((path) => join(path, name)).find((path) => existsSync(path));
    if (found) return found;
  }
  return undefined;
}

/** Whether electron-builder could download a zip: one bounded HEAD request to the URL it would use. */
async function canDownload(name) {
  const mirror = process.env.ELECTRON_MIRROR ?? DEFAULT_MIRROR;
  const folder =
    process.env.ELECTRON_CUSTOM_DIR?.replace('{{ version }}', electronVersion) ?? `v${electronVersion}`;
  try {
    const response = await fetch(`${mirror}${folder}/${name}`, {
      method: 'HEAD',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, {
    cwd: REPO_ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const targets = TARGETS.map((target) => ({ ...target, zip: findZip(zipName(target)) }));
const missing = targets.filter((target) => !target.zip);
if (missing.length > 0 && !(await canDownload(zipName(missing[0])))) {
  console.error(
    `npm run dist: Electron ${electronVersion} for ${missing.map((t) => `${t.platform}-${t.arch}`).join(', ')} ` +
      `is not on this machine and cannot be downloaded: put ${missing.map(zipName).join(', ')} in a folder ` +
      `and set ELECTRON_CACHE to it (or ELECTRON_MIRROR to a reachable mirror).`,
  );
  process.exit(1);
}

run('npm', ['run', 'build']);
const electronBuilder = join(REPO_ROOT, 'node_modules/.bin/electron-builder');
for (const target of targets) {
  run(electronBuilder, [
    ...target.flags,
    '--publish',
    'never',
    ...(target.zip ? [`--config.electronDist=${target.zip}`] : []),
  ]);
}
