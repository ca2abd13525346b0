/** Projects: fast unit tests (no services); integration tests that need
 * MariaDB and the Temporal dev server started by test/global-setup.ts; fault
 * tests that break those real parts on purpose (same setup); workflow tests. */
const transform = { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
// ESM-only packages that jest on Node 22 cannot require (it can from Node 24.9 on): let swc transform them.
const transformIgnorePatterns = ['/node_modules/(?!(uuid|content-disposition)/)'];

module.exports = {
  // Integration tests drive real workflows; unit tests finish long before this.
  testTimeout: 120000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      displayName: 'faults',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    {
      // The order workflow's logic on a real Temporal dev server with in-memory activities: no database, seconds.
      displayName: 'workflow',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      globalSetup: '<rootDir>/test/workflow/global-setup.ts',
      globalTeardown: '<rootDir>/test/workflow/global-teardown.ts',
    },
    {
      // Hostile requests generated from /openapi.json against the real stack (test/fuzz/openapi.test.ts: FUZZ_SEED, FUZZ_RUNS).
      displayName: 'fuzz',
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      testMatch: ['<rootDir>/test/fuzz/**/*.test.ts'],
      globalSetup: '<rootDir>/test/global-setup.ts',
      globalTeardown: '<rootDir>/test/global-teardown.ts',
    },
    // The production shape (test/stack): a Temporal server on PostgreSQL, two API and two worker processes of the
    // compiled build, driven over HTTP; its tests stop and start those processes, so they run in band. Only
    // `npm run test:stack` (scripts/test-stack.sh; a CI step of its own) selects it: plain `npm test` leaves it out.
    ...(process.env.ORDERLY_TEST_TIER === 'stack'
      ? [
          {
            displayName: 'stack',
            testEnvironment: 'node',
            transform,
            transformIgnorePatterns,
            testMatch: ['<rootDir>/test/stack/**/*.test.ts'],
            globalSetup: '<rootDir>/test/stack/global-setup.ts',
            globalTeardown: '<rootDir>/test/stack/global-teardown.ts',
          },
        ]
      : []),
  ],
};
