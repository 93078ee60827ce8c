// Mutation testing of the security-critical decision logic (issue 23): `npm run test:mutation`.
// Only pure, unit-tested modules are mutated: a mutant covered by e2e specs costs minutes on 2 cores.
// Surviving mutants that cannot be killed are listed with a reason in stryker-equivalents.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // Jest runs in ESM mode, as in `npm test`.
  testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  mutate: [
    'src/profile/merge-patch.ts',
    'src/profile/custom-data.policy.ts',
    'src/auth/token-claims.ts',
    'src/verification/step-up-rules.ts',
    'src/logto/logto-errors.ts',
    'src/idempotency/idempotency-key.ts',
    'src/rate-limit/rate-limit-headers.ts',
    'src/account/account-status-rules.ts',
    'src/verification/lockout-rules.ts',
  ],
  coverageAnalysis: 'perTest',
  ignoreStatic: true,
  incremental: true,
  // Committed, so CI only re-runs mutants whose code or covering tests changed.
  incrementalFile: 'stryker-incremental.json',
  concurrency: 2,
  // A mutant's run may take this long beyond the dry run's time before it counts as timed out: on a loaded
  // 2-core machine the default 5 s turned slow runs into "timed out" mutants, counted as killed without any
  // test having failed.
  timeoutMS: 30000,
  thresholds: { high: 95, low: 85, break: 85 },
  reporters: ['clear-text', 'progress', 'html'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
};
