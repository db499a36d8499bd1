#!/usr/bin/env node
// The `pingan` command runs the TypeScript sources directly, so a fresh clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
