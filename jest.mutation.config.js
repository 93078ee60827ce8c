// The fast unit specs of the mutation-testing scope (stryker.config.mjs): no e2e spec, no app, no emulator.
// Every one of these also runs in `npm test` (jest.config.js).
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/src'],
  testRegex: [
    'src/profile/merge-patch\\.spec\\.ts$',
    'src/profile/custom-data\\.policy\\.spec\\.ts$',
    'src/auth/token-claims\\.spec\\.ts$',
    'src/verification/step-up-rules\\.spec\\.ts$',
    'src/logto/logto-errors\\.spec\\.ts$',
    'src/idempotency/idempotency-key\\.spec\\.ts$',
    'src/rate-limit/rate-limit-headers\\.spec\\.ts$',
    'src/account/account-status-rules\\.spec\\.ts$',
    'src/verification/lockout-rules\\.spec\\.ts$',
  ],
};
