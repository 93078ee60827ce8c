// ESLint flat config. Not type-aware (typescript-eslint "recommended", not "recommended-type-checked")
// so that `npm run lint` stays fast; `tsc --noEmit` does the type checking.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['dist/', 'dist-demo/', 'packages/*/dist/', 'packages/logto-api-types/src/*.generated.d.ts', 'node_modules/', 'coverage/', 'bench/results/', '.stryker-tmp/', 'reports/']),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Nest injects through constructor parameter properties: `constructor(private readonly x: X) {}`
      // has an empty body on purpose, and `@Module({...}) export class FooModule {}` is an empty
      // decorated class. Neither rule is in "recommended" today; kept off explicitly so a future
      // preset cannot turn them on.
      'no-empty-function': 'off',
      '@typescript-eslint/no-empty-function': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      // Deliberately NOT enabling @typescript-eslint/consistent-type-imports: with
      // emitDecoratorMetadata, `import type` of an injected class erases the runtime reference
      // Nest's DI needs.
    },
  },

  {
    // Logto's API types are a types-only package: a value import would compile and then fail at runtime.
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: '@logto-account-service/logto-api-types', message: 'Types only: use `import type`.', allowTypeImports: true }] },
      ],
    },
  },

  {
    files: ['packages/account-center/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    languageOptions: {
      globals: { ...globals.jest },
    },
  },
);
