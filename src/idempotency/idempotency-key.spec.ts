import { DomainError } from '../common/errors/domain-error.js';
import { IdempotencyKeyMaterial, parseIdempotencyKey } from './idempotency-key.js';

function refusal(header: string | string[]): unknown {
  try {
    parseIdempotencyKey(header);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, detail: error.detail, extensions: error.extensions };
  }
  return 'accepted';
}

const REFUSED = {
  code: 'request.validation_failed',
  detail: 'Idempotency-Key must be 1 to 255 printable ASCII characters.',
  extensions: {
    errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
    issues: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }],
  },
};

describe('parseIdempotencyKey', () => {
  it.each<[string, string]>([
    ['abc', 'abc'],
    ['"abc"', 'abc'],
    ['a b~!', 'a b~!'],
    ['x'.repeat(255), 'x'.repeat(255)],
    [`"${'x'.repeat(255)}"`, 'x'.repeat(255)],
    [' a', ' a'],
    ['"a', '"a'],
    ['a"', 'a"'],
    ['"a"b"', 'a"b'],
    ['a"b"', 'a"b"'],
    ['"a"b', '"a"b'],
  ])('reads %j as the key %j', (header, key) => {
    expect(parseIdempotencyKey(header)).toBe(key);
  });

  it('joins a repeated header as one field value', () => {
    expect(parseIdempotencyKey(['a', 'b'])).toBe('a, b');
  });

  it.each(['', '""', ' ', '"   "', 'x'.repeat(256), 'é', 'a\tb', 'a\u007f', '"a\nb"', `"${'x'.repeat(256)}"`])(
    'refuses %j with a validation problem',
    (header) => {
      expect(refusal(header)).toEqual(REFUSED);
    },
  );

  it('refuses a repeated header that, joined, is too long', () => {
    expect(refusal(['x'.repeat(200), 'y'.repeat(60)])).toEqual(REFUSED);
  });
});

describe('IdempotencyKeyMaterial', () => {
  // Fixed values: records written by one version of the service must be found and opened by the next.
  it('derives a stable record id and fingerprint from the user and the key', () => {
    const material = new IdempotencyKeyMaterial('user-1', 'key-1');
    expect(material.recordId).toBe('h4HLqF8oRa0LSgMW26CTuZYj7gW5WCdNAhmHR-nF1jk');
    expect(material.fingerprint('POST', '/me/x?a=1', { b: 2, a: 1 })).toBe('iJiI6J7NSiW38b4u3Z8L-_QHMelfVtoUriCq_pTwB_I');
  });

  it('gives each user and each key its own record id', () => {
    const ids = new Set([
      new IdempotencyKeyMaterial('user-1', 'key-1').recordId,
      new IdempotencyKeyMaterial('user-2', 'key-1').recordId,
      new IdempotencyKeyMaterial('user-1', 'key-2').recordId,
    ]);
    expect(ids.size).toBe(3);
  });

  it('fingerprints method, URL and body, ignoring key order only', () => {
    const material = new IdempotencyKeyMaterial('user-1', 'key-1');
    const base = material.fingerprint('POST', '/me/x', { a: 1, b: 2 });
    expect(material.fingerprint('POST', '/me/x', { b: 2, a: 1 })).toBe(base);
    expect(material.fingerprint('PUT', '/me/x', { a: 1, b: 2 })).not.toBe(base);
    expect(material.fingerprint('POST', '/me/y', { a: 1, b: 2 })).not.toBe(base);
    expect(material.fingerprint('POST', '/me/x', { a: 1, b: 3 })).not.toBe(base);
    expect(new IdempotencyKeyMaterial('user-1', 'key-2').fingerprint('POST', '/me/x', { a: 1, b: 2 })).not.toBe(base);
  });

  it('seals what only the same user and key can open', () => {
    const material = new IdempotencyKeyMaterial('user-1', 'key-1');
    const sealed = material.seal({ secret: 'backup codes' });
    expect(sealed).not.toContain('backup');
    expect(new IdempotencyKeyMaterial('user-1', 'key-1').open(sealed)).toEqual({ secret: 'backup codes' });
    expect(() => new IdempotencyKeyMaterial('user-1', 'key-2').open(sealed)).toThrow();
    expect(() => new IdempotencyKeyMaterial('user-2', 'key-1').open(sealed)).toThrow();
  });
});
