/**
 * `npm test`: every suite, in order, each run even when an earlier one failed,
 * so one run shows everything that is wrong. Ends with one line
 * `N passed, N failed` totalling all suites (CI reads it) and exits non-zero
 * when anything failed.
 *
 * Static checks (ESLint, Prettier, astro check, content check) count as one
 * test each; vitest and Playwright count their own tests from their JSON reports.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'node_modules/.bin');
const RESULTS = join(ROOT, 'test-results');

interface Counts {
  passed: number;
  failed: number;
}

function run(command: string, args: string[]): boolean {
  console.log(`\n▶ ${command} ${args.join(' ')}`);
  const result = spawnSync(join(BIN, command), args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${BIN}:${process.env.PATH ?? ''}`,
      FORCE_COLOR: process.env.FORCE_COLOR ?? '0',
    },
  });
  return result.status === 0;
}

function readJson<T>(file: string): T | undefined {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as T) : undefined;
}

const total: Counts = { passed: 0, failed: 0 };
const add = (name: string, counts: Counts): void => {
  total.passed += counts.passed;
  total.failed += counts.failed;
  console.log(`◀ ${name}: ${counts.passed} passed, ${counts.failed} failed`);
};
const check = (name: string, command: string, args: string[]): void => {
  const ok = run(command, args);
  add(name, ok ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 });
};

rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

check('eslint', 'eslint', ['.', '--max-warnings', '0']);
check('prettier', 'prettier', ['--check', '.']);
check('astro check', 'astro', ['check']);
check('content check', 'node', ['scripts/check-content.ts']);
check('fixture build', 'node', ['scripts/build-fixture.ts']);

const vitestOk = run('vitest', [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${join(RESULTS, 'vitest.json')}`,
]);
const vitest = readJson<{ numPassedTests: number; numFailedTests: number; numTotalTestSuites: number }>(
  join(RESULTS, 'vitest.json'),
);
add('vitest', {
  passed: vitest?.numPassedTests ?? 0,
  // A crash before any report (or a failing suite with no failed test, e.g. an import error) still counts as a failure.
  failed: (vitest?.numFailedTests ?? 0) + (!vitestOk && (vitest?.numFailedTests ?? 0) === 0 ? 1 : 0),
});

const playwrightOk = run('playwright', ['test']);
const playwright = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(
  join(RESULTS, 'playwright.json'),
);
add('playwright', {
  passed: (playwright?.stats.expected ?? 0) + (playwright?.stats.flaky ?? 0),
  failed:
    (playwright?.stats.unexpected ?? 0) +
    (!playwrightOk && (playwright?.stats.unexpected ?? 0) === 0 ? 1 : 0),
});

console.log(`\n${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 ? 0 : 1);
