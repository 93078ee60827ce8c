// Nest 12 ships as ESM only: jest runs under Node 24 with --experimental-vm-modules (see package.json).
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: [
    '<rootDir>/src',
    '<rootDir>/test',
    '<rootDir>/packages/logto-emulator/test',
    '<rootDir>/packages/logto-api-types/test',
    '<rootDir>/packages/client/test',
    '<rootDir>/packages/account-center/test',
  ],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // Workspace packages from their TypeScript source (their package.json "source" export), no build needed.
    '^@logto-account-service/logto-emulator$': '<rootDir>/packages/logto-emulator/src/index.ts',
    '^@logto-account-service/client$': '<rootDir>/packages/client/src/index.ts',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testTimeout: 20000,
};
