#!/usr/bin/env node
// The `pingan` command runs the compiled JavaScript in out/cli, which `npm install` builds. When a source is
// newer than that build it compiles first (a second or two, far less than transpiling at every start), so a
// checkout never runs old code. Only where esbuild is not installed do the sources run through tsx.
import { pathToFileURL } from 'node:url';
import { CLI_ENTRY, buildCode, codeBuildIsStale, codeWasBuilt } from '../scripts/build-code.js';

async function compileOrFallBack() {
  process.stderr.write(
    `pingan: compiling the command (${codeWasBuilt() ? 'its sources changed since the last build' : 'first run'})…\n`,
  );
  try {
    await buildCode();
    return true;
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes("'esbuild'")) throw error;
    process.stderr.write('pingan: esbuild is not installed: running the TypeScript sources through tsx\n');
    return false;
  }
}

if (!codeBuildIsStale() || (await compileOrFallBack())) {
  await import(pathToFileURL(CLI_ENTRY).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
