import { DomainError } from './domain-error.js';
import { ERROR_CATALOG, type CatalogEntry, type ErrorCode } from './error-codes.js';
import { buildProblem } from './problem.js';
import { COMMON_EXTENSIONS, type ExtensionField } from './problem-extensions.js';

const render = (error: DomainError) =>
  buildProblem({ code: error.code, detail: error.detail, instance: '/me', requestId: 'r-1', extensions: error.extensions });

describe('DomainError extensions are typed by the code (npm run typecheck proves the @ts-expect-error lines)', () => {
  it('accepts the members the catalogue declares for the code', () => {
    const error = new DomainError('verification.invalid_code', 'Wrong.', { extensions: { remainingAttempts: 2 } });
    expect(error.extensions).toEqual({ remainingAttempts: 2 });
    expect(new DomainError('account.busy').extensions).toEqual({});
    expect(new DomainError('verification.required', undefined, { extensions: { methods: ['password'], reauthentication: { maxAge: 300 } } }).code).toBe(
      'verification.required',
    );
  });

  it('refuses a member of another code, a wrong type, a missing required member and a hand-set automatic alias', () => {
    const built = [
      // @ts-expect-error attemptsLeft is the deprecated name; services set remainingAttempts
      new DomainError('verification.invalid_code', 'Wrong.', { extensions: { attemptsLeft: 2 } }),
      // @ts-expect-error a count is a number
      new DomainError('verification.invalid_code', 'Wrong.', { extensions: { remainingAttempts: '2' } }),
      // @ts-expect-error remainingAttempts is required for this code
      new DomainError('verification.invalid_code', 'Wrong.'),
      // @ts-expect-error remainingAttempts is required for this code
      new DomainError('verification.invalid_code', 'Wrong.', { extensions: {} }),
      // @ts-expect-error account.busy declares no extension members
      new DomainError('account.busy', 'Busy.', { extensions: { remainingAttempts: 2 } }),
      // @ts-expect-error the renderer fills attemptsLeft in from remainingAttempts
      new DomainError('mfa.invalid_code', 'Wrong.', { extensions: { remainingAttempts: 2, attemptsLeft: 2 } }),
      // @ts-expect-error methods are the step-up methods, not any string
      new DomainError('verification.required', undefined, { extensions: { methods: ['sms'] } }),
    ];
    // At run time nothing checks: the compiler is the guard.
    expect(built).toHaveLength(7);
  });

  it('renders an automatic deprecated alias with the value of the member that replaced it', () => {
    const problem = render(new DomainError('mfa.invalid_code', 'Wrong.', { extensions: { remainingAttempts: 3 } }));
    expect(problem).toMatchObject({ code: 'mfa.invalid_code', remainingAttempts: 3, attemptsLeft: 3 });
  });

  it('renders a non-automatic alias only where the service sets it', () => {
    const errors = [{ field: 'name', message: 'must be a string' }];
    expect(render(new DomainError('request.validation_failed', 'Bad.', { extensions: { errors } }))).not.toHaveProperty('issues');
    expect(render(new DomainError('request.validation_failed', 'Bad.', { extensions: { errors, issues: errors } }))).toMatchObject({ errors, issues: errors });
  });
});

describe('the error catalogue', () => {
  const declarations = Object.entries(ERROR_CATALOG as Record<ErrorCode, CatalogEntry>).flatMap(([code, entry]) =>
    Object.entries({ ...entry.extensions }).map(([name, field]) => ({ code, name, field })),
  );

  it('gives one concept one name: a member name always has one schema, and a schema one current name', () => {
    const current = [...declarations, ...Object.entries(COMMON_EXTENSIONS).map(([name, field]) => ({ code: '*', name, field: field as ExtensionField }))].filter(
      ({ field }) => !field.deprecated,
    );
    const schemasByName = new Map<string, Set<string>>();
    const namesBySchema = new Map<string, Set<string>>();
    for (const { name, field } of current) {
      const schema = JSON.stringify(field.schema);
      schemasByName.set(name, (schemasByName.get(name) ?? new Set()).add(schema));
      namesBySchema.set(schema, (namesBySchema.get(schema) ?? new Set()).add(name));
    }
    expect([...schemasByName].filter(([, schemas]) => schemas.size > 1)).toEqual([]);
    expect([...namesBySchema].filter(([, names]) => names.size > 1)).toEqual([]);
  });

  it('points every deprecated alias at a current member of the same code with the same schema', () => {
    const aliases = declarations.filter(({ field }) => field.deprecated);
    expect(aliases.map(({ code, name }) => `${code} ${name}`).sort()).toEqual(['mfa.invalid_code attemptsLeft', 'request.validation_failed issues']);
    for (const { code, field } of aliases) {
      const replacement = (ERROR_CATALOG as Record<ErrorCode, CatalogEntry>)[code as ErrorCode].extensions?.[field.deprecated!.replacedBy];
      expect(replacement?.deprecated).toBeUndefined();
      expect(replacement?.schema).toEqual(field.schema);
      expect(field.description).toMatch(/^Deprecated: /);
    }
  });
});
