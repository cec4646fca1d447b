// The one test command (`npm test`): type check, lint (ESLint, Prettier), unit tests, build, Firefox lint,
// real-browser tests (Chromium and Firefox ESR). `npm test -- unit build` runs only the named stages.
// Every stage runs even when an earlier one fails (a build failure skips what needs dist/), and the
// last line is the plain "N passed, N failed" summary CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';

const only = process.argv.slice(2);
mkdirSync('artifacts', { recursive: true });

/** Each stage: a command (and any further ones, run even when the first fails), and for vitest stages the JSON report it writes. */
const stages = [
  { name: 'typecheck', cmd: ['npx', 'tsc', '--noEmit'] },
  { name: 'lint', cmd: ['npm', 'run', 'lint', '--silent'], also: [['npm', 'run', 'format:check', '--silent']] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run'], report: 'artifacts/unit.json' },
  { name: 'build', cmd: ['npm', 'run', 'build', '--silent'] },
  { name: 'dist', cmd: ['npx', 'vitest', 'run', '-c', 'vitest.dist.config.ts'], report: 'artifacts/dist.json', needs: 'build' },
  { name: 'lint-firefox', cmd: ['node', 'scripts/lint-firefox.mjs'], needs: 'build' },
  {
    name: 'e2e-chromium',
    cmd: ['npx', 'vitest', 'run', '-c', 'vitest.e2e.config.ts', '--project', 'chromium'],
    report: 'artifacts/e2e-chromium.json',
    needs: 'build',
  },
  {
    name: 'e2e-firefox',
    cmd: ['npx', 'vitest', 'run', '-c', 'vitest.e2e.config.ts', '--project', 'firefox'],
    report: 'artifacts/e2e-firefox.json',
    needs: 'build',
  },
].filter((s) => only.length === 0 || only.includes(s.name));

let passed = 0;
let failed = 0;
let skipped = 0;
const results = [];
const ok = new Set();
/** Failing tests by name, with the first line of their message, repeated in the summary: CI shows only the log's tail. */
const failures = [];

/** The failed tests of a vitest JSON report (a file that failed to load counts under its path). */
function failuresOf(stage, report) {
  const out = [];
  for (const file of report.testResults ?? []) {
    const path = String(file.name ?? '').replace(process.cwd() + '/', '');
    const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
    for (const t of failedTests) out.push(`${stage}: ${path} > ${t.fullName ?? t.title}: ${firstLine(t.failureMessages?.[0])}`);
    if (failedTests.length === 0 && file.status === 'failed') out.push(`${stage}: ${path}: ${firstLine(file.message)}`);
  }
  return out;
}

function firstLine(text) {
  const line =
    String(text ?? '')
      .split('\n')
      .find((l) => l.trim() !== '') ?? '';
  return line.trim().slice(0, 300);
}

for (const stage of stages) {
  if (stage.needs && !ok.has(stage.needs) && stages.some((s) => s.name === stage.needs)) {
    results.push(`${stage.name}: not run (${stage.needs} failed)`);
    failed++;
    continue;
  }
  const args = [...stage.cmd];
  if (stage.report) {
    rmSync(stage.report, { force: true });
    args.push('--reporter=default', '--reporter=json', `--outputFile=${stage.report}`);
  }
  console.log(`\n=== ${stage.name}: ${args.join(' ')}`);
  const run = spawnSync(args[0], args.slice(1), { stdio: 'inherit', env: process.env });
  let status = run.status;
  for (const more of stage.also ?? []) {
    console.log(`\n=== ${stage.name}: ${more.join(' ')}`);
    const next = spawnSync(more[0], more.slice(1), { stdio: 'inherit', env: process.env });
    if (status === 0) status = next.status;
  }
  const success = status === 0;
  if (success) ok.add(stage.name);
  if (stage.report && existsSync(stage.report)) {
    const report = JSON.parse(readFileSync(stage.report, 'utf8'));
    failures.push(...failuresOf(stage.name, report));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    results.push(`${stage.name}: ${report.numPassedTests} passed, ${report.numFailedTests} failed` + (success ? '' : ' (exit ' + status + ')'));
    if (!success && report.numFailedTests === 0) failed++; // e.g. a file that failed to load, or no tests
  } else {
    results.push(`${stage.name}: ${success ? 'ok' : 'FAILED (exit ' + status + ')'}`);
    if (success) passed++;
    else failed++;
  }
}

console.log('\n=== summary');
for (const line of results) console.log(line);
if (failures.length > 0) console.log('failed tests:\n' + failures.map((f) => '  ' + f).join('\n'));
if (skipped > 0) {
  console.log(`${skipped} skipped tests: skipped tests are not allowed`);
  failed += skipped;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
