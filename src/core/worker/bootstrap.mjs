// Worker entry when running from source: TypeScript through tsx, as the `pingan` command does.
import { register } from 'tsx/esm/api';

register();
await import('./core-worker.ts');
