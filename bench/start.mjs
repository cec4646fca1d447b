// `npm run bench`: builds dist/ (timed, so RESULTS.md gives the whole run's time), then runs bench/run.ts.
// Node 20 runs no TypeScript: bench/run.ts (which shares the e2e harness) is loaded through vite's module
// runner, the same transform the build uses. BENCH_SKIP_BUILD=1 measures the dist/ already there.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runnerImport } from 'vite';

process.env.BENCH_LOAD_AT_START = String(loadavg()[0]);
if (!process.env.BENCH_SKIP_BUILD) {
  const t0 = performance.now();
  const build = spawnSync('npm', ['run', 'build', '--silent'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  process.env.BENCH_BUILD_SECONDS = String((performance.now() - t0) / 1000);
}
await runnerImport(resolve('bench/run.ts'), { configFile: false, logLevel: 'error' });
