import fs from 'node:fs';

/**
 * Prints jest's JSON report (--json --outputFile) as the one closing line CI
 * reads: "N passed, N failed", a suite that failed to run counting as failed.
 * Used by scripts/test.sh and scripts/test-stack.sh.
 */
const report = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')) as { numPassedTests: number; numFailedTests: number; numRuntimeErrorTestSuites?: number };
console.log(`${report.numPassedTests} passed, ${report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0)} failed`);
