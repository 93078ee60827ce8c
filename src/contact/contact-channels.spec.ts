import { DomainError } from '../common/errors/domain-error.js';
import { normalizeEmail, normalizePhone } from './contact-channels.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
}

describe('normalizePhone (E.164 → Logto digits)', () => {
  it.each([
    ['+15550100001', '15550100001'],
    ['+1 555 010 0001', '15550100001'],
    ['+1 (555) 010-0001', '15550100001'],
    ['+44 20 7946 0958', '442079460958'],
    ['  +33.1.23.45.67.89 ', '33123456789'],
    // As GET /me shows it (Logto stores digits only), so a client can send back what it read.
    ['15550100001', '15550100001'],
    ['+6834002', '6834002'],
  ])('%p → %p', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(['', '+', '123456', '+0123456789', '0044 20 7946 0958', '+1234567890123456', '+1 555 CALL NOW', '+1_555_010_0001', '++15550100001', '+1\u0660555010000'])(
    'rejects %p with phone.invalid',
    (input) => {
      expect(codeOf(() => normalizePhone(input))).toBe('phone.invalid');
    },
  );
});

describe('normalizeEmail', () => {
  it('trims, lower-cases the domain and keeps the local part as given', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM ')).toBe('Ada.Lovelace@example.com');
  });

  it('converts an internationalized domain to its A-labels, whatever its case', () => {
    expect(normalizeEmail('Ada@Bücher.example')).toBe('Ada@xn--bcher-kva.example');
    expect(normalizeEmail('ada@xn--bcher-kva.example')).toBe('ada@xn--bcher-kva.example');
  });

  it.each(['', 'ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com', `${'a'.repeat(250)}@example.com`, 'Ada <ada@example.com>', 'ada@exa mple.com', 'ada@[127.0.0.1]'])(
    'rejects %p with email.invalid',
    (input) => {
      expect(codeOf(() => normalizeEmail(input))).toBe('email.invalid');
    },
  );
});
