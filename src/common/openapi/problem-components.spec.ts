import { problemResponse, problemResponseName } from './problem-components.js';

describe('shared problem responses', () => {
  it('are named after the status and the codes beyond those every such route answers with', () => {
    const common = ['account.busy', 'idempotency.in_progress', 'idempotency.not_replayable'] as const;
    expect(problemResponseName(409, [...common], common)).toBe('Problems409');
    expect(problemResponseName(409, ['idempotency.in_progress', 'email.already_in_use', 'account.busy', 'idempotency.not_replayable'], common)).toBe(
      'Problems409-email.already_in_use',
    );
    // A route without the common codes (not authenticated, or not a write) must not share their name.
    expect(problemResponseName(409, ['email.already_in_use'], common)).toBe('Problems409-only-email.already_in_use');
    expect(problemResponseName(400, ['request.validation_failed'], [])).toBe('Problems400-request.validation_failed');
  });

  it('type each code: Problem.<code> for codes with members, Problem narrowed to the others', () => {
    expect(problemResponse(['account.busy'])).toMatchObject({ content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
    const mixed = problemResponse(['mfa.invalid_code', 'idempotency.key_reused']) as {
      description: string;
      content: Record<string, { schema: { oneOf: unknown[] }; examples: Record<string, unknown> }>;
    };
    expect(mixed.description).toBe('`idempotency.key_reused`, `mfa.invalid_code`');
    expect(mixed.content['application/problem+json'].schema.oneOf).toEqual([
      { $ref: '#/components/schemas/Problem.mfa.invalid_code' },
      { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: ['idempotency.key_reused'] } } }] },
    ]);
    expect(mixed.content['application/problem+json'].examples).toEqual({
      'idempotency.key_reused': { $ref: '#/components/examples/idempotency.key_reused' },
      'mfa.invalid_code': { $ref: '#/components/examples/mfa.invalid_code' },
    });
  });
});
