// Sums vitest's and Playwright's JSON reports into the one line CI reads: "N passed, N failed".
// A step that failed before producing tests (typecheck, lint, build) counts as a failure.
import { existsSync, readFileSync } from 'node:fs';

const failedSteps = Number(process.argv[2] ?? 0);
let passed = 0;
let failed = failedSteps;

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null);

const vitest = read('.reports/vitest.json');
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests + (vitest.numRuntimeErrors ?? 0);
  if (!vitest.success && vitest.numFailedTests === 0) failed += 1; // a suite crashed outside tests
} else failed += 1;

const playwright = read('.reports/playwright.json');
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected + (playwright.errors?.length ?? 0);
} else failed += 1;

console.log(`\nvitest: ${vitest ? `${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed` : 'no report'}`);
console.log(`playwright: ${playwright ? `${playwright.stats.expected} passed, ${playwright.stats.unexpected} failed` : 'no report'}`);
if (failedSteps) console.log(`failed steps (typecheck, lint or build): ${failedSteps}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
