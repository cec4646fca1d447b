// Node 20 runs no TypeScript: bench/run.ts (which shares the e2e harness) is loaded through vite's module
// runner, the same transform the build uses.
import { runnerImport } from 'vite';
import { resolve } from 'node:path';

await runnerImport(resolve('bench/run.ts'), { configFile: false, logLevel: 'error' });
