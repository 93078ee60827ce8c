import type { ConfigService } from '@nestjs/config';
import type { AllConfig } from '../config/app-config.js';
import { DomainError } from '../common/errors/domain-error.js';
import { CustomDataPolicy, RESERVED_CUSTOM_DATA_KEY } from './custom-data.policy.js';

const SCHEMA = {
  type: 'object',
  required: ['nickname'],
  properties: {
    nickname: { type: 'string', maxLength: 10 },
    plan: { type: 'string', readOnly: true },
    prefs: { type: 'object', properties: { theme: { type: 'string' } }, required: ['theme'] },
    deep: { type: 'object' },
    bio: { type: 'string' },
  },
};

/** The policy as Nest builds it, with the configuration faked through its one dependency. */
function policyWith(customDataSchema: Record<string, unknown> | undefined): CustomDataPolicy {
  const config = { get: (key: string) => (key === 'account' ? { customDataSchema } : undefined) } as unknown as ConfigService<AllConfig, true>;
  return new CustomDataPolicy(config);
}

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, detail: error.detail, extensions: error.extensions };
  }
  return 'accepted';
}

/** `{ a: { a: … {} } }`, `levels` objects deep. */
function nested(levels: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < levels; i += 1) value = { a: value };
  return value;
}

describe('CustomDataPolicy', () => {
  // Built in a hook, not while collecting tests: a constructor that throws fails the tests.
  let policy: CustomDataPolicy;
  beforeAll(() => {
    policy = policyWith(SCHEMA);
  });
  const current = { nickname: 'nick', plan: 'free', prefs: { theme: 'dark' }, hidden: 'admin only', [RESERVED_CUSTOM_DATA_KEY]: { x: 1 } };

  describe('visible', () => {
    it('shows declared keys only, never the reserved key, and a null value as absent', () => {
      expect(policy.visible({ ...current, bio: null })).toEqual({ nickname: 'nick', plan: 'free', prefs: { theme: 'dark' } });
    });

    it('shows nothing without a schema', () => {
      expect(policyWith(undefined).visible(current)).toEqual({});
    });
  });

  describe('plan', () => {
    it.each([[[]], [null], ['text'], [1]])('refuses %j, which is not an object', (patch) => {
      expect(refusal(() => policy.plan(current, patch))).toEqual({
        code: 'custom_data.invalid',
        detail: 'The patch must be a JSON object (RFC 7396).',
        extensions: { errors: [{ field: '', message: 'must be object' }] },
      });
    });

    it('accepts 8 levels of nesting and refuses 9', () => {
      expect(policy.plan(current, { deep: nested(7) }).changed).toEqual({ deep: nested(7) });
      expect(refusal(() => policy.plan(current, { deep: nested(8) }))).toEqual({
        code: 'custom_data.too_deep',
        detail: 'Custom data may be nested at most 8 levels.',
        extensions: {},
      });
    });

    it('refuses a prototype key anywhere, before looking at declared keys', () => {
      expect(refusal(() => policy.plan(current, { deep: JSON.parse('{"a":{"__proto__":{}}}') }))).toEqual({
        code: 'custom_data.forbidden_key',
        detail: 'The key "deep.a.__proto__" is not allowed.',
        extensions: {},
      });
      expect(refusal(() => policy.plan(current, { constructor: 1 }))).toEqual({
        code: 'custom_data.forbidden_key',
        detail: 'The key "constructor" is not allowed.',
        extensions: {},
      });
    });

    it('refuses an undeclared key exactly like one that exists nowhere', () => {
      for (const key of ['hidden', 'nowhere', RESERVED_CUSTOM_DATA_KEY]) {
        expect(refusal(() => policy.plan(current, { bio: 'ok', [key]: 1 }))).toEqual({
          code: 'custom_data.invalid',
          detail: 'The patch does not match the custom data schema.',
          extensions: { errors: [{ field: key, message: 'is not a user-editable field' }] },
        });
      }
    });

    it('accepts an empty patch without a schema, changing nothing', () => {
      expect(policyWith(undefined).plan(current, {})).toEqual({ visible: {}, changed: {}, removed: [] });
    });

    it('refuses every key without a schema', () => {
      expect(refusal(() => policyWith(undefined).plan({}, { nickname: 'x' }))).toEqual({
        code: 'custom_data.invalid',
        detail: 'The patch does not match the custom data schema.',
        extensions: { errors: [{ field: 'nickname', message: 'is not a user-editable field' }] },
      });
    });

    it('refuses a read-only field, also when the value would not change', () => {
      for (const plan of ['pro', 'free', null]) {
        expect(refusal(() => policy.plan(current, { bio: 'ok', plan }))).toEqual({
          code: 'custom_data.read_only_field',
          detail: 'The field "plan" is read-only.',
          extensions: {},
        });
      }
    });

    it('refuses a result the schema does not accept, naming each field', () => {
      expect(refusal(() => policy.plan(current, { nickname: 'x'.repeat(11), prefs: { theme: null } }))).toEqual({
        code: 'custom_data.invalid',
        detail: 'The patch does not match the custom data schema.',
        extensions: {
          errors: [
            { field: 'nickname', message: 'must NOT have more than 10 characters' },
            { field: 'prefs.theme', message: "must have required property 'theme'" },
          ],
        },
      });
      expect(refusal(() => policy.plan(current, { nickname: null }))).toEqual({
        code: 'custom_data.invalid',
        detail: 'The patch does not match the custom data schema.',
        extensions: { errors: [{ field: 'nickname', message: "must have required property 'nickname'" }] },
      });
      expect(refusal(() => policy.plan(current, { deep: { a: 1 }, prefs: { theme: { a: 1 } } }))).toEqual({
        code: 'custom_data.invalid',
        detail: 'The patch does not match the custom data schema.',
        extensions: { errors: [{ field: 'prefs.theme', message: 'must be string' }] },
      });
    });

    it('accepts up to 32 KiB of visible custom data and refuses more', () => {
      const base = JSON.stringify({ nickname: 'nick', plan: 'free', prefs: { theme: 'dark' }, bio: '' }).length;
      const room = 32 * 1024 - base;
      expect(policy.plan(current, { bio: 'x'.repeat(room) }).changed).toEqual({ bio: 'x'.repeat(room) });
      expect(refusal(() => policy.plan(current, { bio: 'x'.repeat(room + 1) }))).toEqual({
        code: 'custom_data.too_large',
        detail: 'The user-visible custom data may be at most 32768 bytes.',
        extensions: {},
      });
      // Bytes, not characters: a two-byte character counts twice.
      expect(refusal(() => policy.plan(current, { bio: 'é'.repeat(room / 2 + 1) }))).toMatchObject({ code: 'custom_data.too_large' });
    });

    it('returns the visible result, the changed keys and the removed keys', () => {
      expect(policy.plan(current, { nickname: 'nick', prefs: { theme: 'light' }, bio: 'hi' })).toEqual({
        visible: { nickname: 'nick', plan: 'free', prefs: { theme: 'light' }, bio: 'hi' },
        changed: { prefs: { theme: 'light' }, bio: 'hi' },
        removed: [],
      });
      expect(policy.plan(current, { prefs: null, bio: null })).toEqual({
        visible: { nickname: 'nick', plan: 'free' },
        changed: {},
        removed: ['prefs'],
      });
    });

    it('writes a nested change as the whole new top-level value', () => {
      const withDeep = { ...current, deep: { a: 1, b: 2 } };
      expect(policy.plan(withDeep, { deep: { b: 3 } }).changed).toEqual({ deep: { a: 1, b: 3 } });
      expect(policy.plan(withDeep, { deep: { b: 2 } }).changed).toEqual({});
    });
  });
});

describe('CustomDataPolicy with a top-level requirement', () => {
  it('names the missing top-level field', () => {
    const policy = policyWith({ type: 'object', required: ['a'], properties: { a: { type: 'string' }, b: { type: 'string' } } });
    expect(refusal(() => policy.plan({}, { b: 'x' }))).toEqual({
      code: 'custom_data.invalid',
      detail: 'The patch does not match the custom data schema.',
      extensions: { errors: [{ field: 'a', message: "must have required property 'a'" }] },
    });
  });
});

describe('CustomDataPolicy with other keywords', () => {
  it('names the object where a dependentRequired rule fails, as for every keyword but required', () => {
    const policy = policyWith({ type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, dependentRequired: { a: ['b'] } });
    expect(refusal(() => policy.plan({}, { a: 'x' }))).toEqual({
      code: 'custom_data.invalid',
      detail: 'The patch does not match the custom data schema.',
      extensions: { errors: [{ field: '', message: 'must have property b when property a is present' }] },
    });
  });
});

describe('CustomDataPolicy.userSchema (GET /me/custom-data/schema)', () => {
  it('without a schema: an object with no properties that takes no key', () => {
    expect(policyWith(undefined).userSchema()).toStrictEqual({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('keeps the declared properties with readOnly marked, the document text, and required cut to declared keys', () => {
    expect(policyWith({ ...SCHEMA, $schema: 'https://json-schema.org/draft/2020-12/schema', title: 'T', description: 'D' }).userSchema()).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'T',
      description: 'D',
      type: 'object',
      properties: {
        nickname: { type: 'string', maxLength: 10, readOnly: false },
        plan: { type: 'string', readOnly: true },
        prefs: { type: 'object', properties: { theme: { type: 'string' } }, required: ['theme'], readOnly: false },
        deep: { type: 'object', readOnly: false },
        bio: { type: 'string', readOnly: false },
      },
      required: ['nickname'],
      additionalProperties: false,
    });
  });

  it('drops every keyword that may name a hidden key', () => {
    const schema = policyWith({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a', 'hiddenKey'],
      patternProperties: { '^hidden_': {} },
      dependentRequired: { hiddenA: ['a'] },
      allOf: [{ required: ['hiddenB'] }],
      additionalProperties: { type: 'number' },
    }).userSchema();
    expect(schema).toStrictEqual({ type: 'object', properties: { a: { type: 'string', readOnly: false } }, required: ['a'], additionalProperties: false });
  });

  it('turns boolean property schemas into objects that can carry readOnly', () => {
    expect(policyWith({ type: 'object', properties: { any: true, none: false } }).userSchema().properties).toEqual({
      any: { readOnly: false },
      none: { not: {}, readOnly: false },
    });
  });

  it('keeps only the definitions the declared properties refer to, also through each other and with escaped names', () => {
    const schema = policyWith({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: {
        colour: { enum: ['light', 'dark'] },
        palette: { type: 'array', items: { $ref: '#/$defs/colour' } },
        'a/b': { type: 'string' },
        adminOnly: { type: 'object', properties: { riskScore: { type: 'number' } } },
      },
      properties: { theme: { $ref: '#/$defs/palette' }, code: { anyOf: [{ $ref: '#/$defs/a~1b' }, { type: 'null' }] }, other: { $ref: '#/$defs/colour' } },
    }).userSchema();
    expect(schema.$defs).toEqual({
      colour: { enum: ['light', 'dark'] },
      palette: { type: 'array', items: { $ref: '#/$defs/colour' } },
      'a/b': { type: 'string' },
    });
    expect(JSON.stringify(schema)).not.toContain('riskScore');
  });

  it('reads draft-07 definitions the same way, and refers to a part of a definition by its top name', () => {
    const schema = policyWith({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { shared: { properties: { x: { type: 'string' } } }, unused: {} },
      properties: { x: { $ref: '#/definitions/shared/properties/x' } },
    }).userSchema();
    expect(schema.definitions).toEqual({ shared: { properties: { x: { type: 'string' } } } });
    expect(schema).not.toHaveProperty('$defs');
  });

  it('does not change the operator document', () => {
    const document = { type: 'object', properties: { a: { type: 'string' } } };
    policyWith(document).userSchema();
    expect(document.properties.a).toEqual({ type: 'string' });
  });
});
