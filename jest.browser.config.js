// Browser tests (issue #21): Chromium through playwright-core against the demo stack. Slow (a browser, the service
// and the emulator per suite), so they are not part of `npm test`: `npm run test:browser`, which .ci/run runs.
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/packages/account-center/test'],
  testRegex: '.*\\.browser-spec\\.ts$',
  testTimeout: 60000,
  // One browser at a time: the machine's cores are shared.
  maxWorkers: 1,
};
