import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOG } from '../../../src/common/errors/error-codes.js';
import { messages, passwordRuleMessages, problemMessages } from '../src/messages.js';

describe('account center message catalogue', () => {
  it('has a human message for every problem code the service can answer with, and none for unknown codes', () => {
    const catalogue = Object.keys(ERROR_CATALOG).sort();
    expect(Object.keys(problemMessages).sort()).toEqual(catalogue);
    for (const code of catalogue) {
      expect(problemMessages[code as keyof typeof problemMessages].trim()).not.toBe('');
      // A message of its own, not the service's title echoed.
      expect(problemMessages[code as keyof typeof problemMessages]).not.toBe(ERROR_CATALOG[code as keyof typeof ERROR_CATALOG].title);
    }
  });

  it('has a message for every password-policy rule the emulator (like Logto) reports', () => {
    const source = readFileSync(join(import.meta.dirname, '../../logto-emulator/src/routes/sign-in-exp.ts'), 'utf8');
    const rules = [...new Set([...source.matchAll(/'(password_rejected\.[a-z_.]+)'/g)].map((m) => m[1]))];
    expect(rules.length).toBeGreaterThan(3);
    for (const rule of rules) expect(passwordRuleMessages).toHaveProperty([rule]);
  });

  it('names every activity type of the API', () => {
    const openapi = readFileSync(join(import.meta.dirname, '../../../openapi.yaml'), 'utf8');
    const block = openapi.slice(openapi.indexOf('ActivityItemDto:'));
    const types = block.slice(block.indexOf('enum:'), block.indexOf('at:')).match(/- ([a-z_]+)/g)!.map((m) => m.slice(2));
    expect(types).toContain('sign_in');
    for (const type of types) expect(messages).toHaveProperty([`activity.type.${type}`]);
  });
});
