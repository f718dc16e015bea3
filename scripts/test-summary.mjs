// Prints the closing lines of the whole suite from vitest's JSON reports: "tests: N passed, N failed, N skipped",
// then, when there are any, the files that failed (a file can fail without a failed test: an error while
// loading it, or in a hook) on a line of their own. Exits 1 when anything failed or nothing passed.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

let passed = 0;
let failed = 0;
let skipped = 0;
const failedFiles = [];
const missingTiers = [];
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    missingTiers.push(file);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults ?? []) {
    if (suite.status === 'failed') failedFiles.push(relative(process.cwd(), suite.name));
  }
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failedFiles.length > 0) console.log(`failed files (${failedFiles.length}): ${failedFiles.join(', ')}`);
for (const file of missingTiers) console.log(`no test report at ${file}: that tier did not run to the end`);
process.exit(failed > 0 || failedFiles.length > 0 || missingTiers.length > 0 || passed === 0 ? 1 : 0);
