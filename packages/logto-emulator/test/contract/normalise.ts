/**
 * What the value comparison of a recording with the emulator's answer ignores: only what differs from run to
 * run or from one Logto to another, listed here and nowhere else.
 *
 * - Volatile keys (VOLATILE_KEYS): their values are timestamps or signing-key material; the emulator's value
 *   must only have the recorded JSON type. (Ids and tokens are placeholders or redactions in the recordings.)
 * - Volatile strings (normaliseString): the host and port of the Logto that answered (recorded against
 *   127.0.0.1:3001/3002, replayed against an emulator on a random port).
 * - Placeholders (`{userId}`) the case binds are substituted; unbound ones and redactions (`<redacted:…>`) match
 *   any string.
 */
import { substitute, type Bindings } from './shape.js';

export const VOLATILE_KEYS: ReadonlySet<string> = new Set([
  // Timestamps (epoch ms or ISO) and durations measured from them.
  'createdAt',
  'updatedAt',
  'lastSignInAt',
  'expiresAt',
  'iat',
  'exp',
  'auth_time',
  'loginTs',
  // The signing key: generated per emulator (the JWKS recording holds Logto's own key).
  'kid',
  'x',
  'y',
]);

const PLACEHOLDER = /^\{[A-Za-z][A-Za-z0-9]*\}$/;
const REDACTED = /^<redacted:[^>]+>$/;
const HOST_PORT = /\b(?:127\.0\.0\.1|localhost)(?::\d+)?/g;

export function normaliseString(text: string): string {
  return text.replace(HOST_PORT, '<logto-host>');
}

function jsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** Every value of the recording that the emulator's body does not equal, after the normalisation above. */
export function compareValues(expected: unknown, actual: unknown, bindings: Bindings, path = '$'): string[] {
  if (typeof expected === 'string') {
    if ((PLACEHOLDER.test(expected) && bindings[expected.slice(1, -1)] === undefined) || REDACTED.test(expected)) {
      return typeof actual === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(actual)}`];
    }
    if (typeof actual !== 'string') return [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
    const wanted = normaliseString(substitute(expected, bindings));
    return wanted === normaliseString(actual) ? [] : [`${path}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(normaliseString(actual))}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${path}: expected ${expected.length} elements, got ${JSON.stringify(actual)?.slice(0, 200)}`];
    return expected.flatMap((item, index) => compareValues(item, actual[index], bindings, `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (jsonType(actual) !== 'object') return [`${path}: expected an object, got ${JSON.stringify(actual)?.slice(0, 200)}`];
    const a = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const [rawKey, value] of Object.entries(expected)) {
      const key = substitute(rawKey, bindings);
      // Unbound placeholder keys are paired by the shape comparison; their values are compared there by type.
      if (PLACEHOLDER.test(key) || !(key in a)) continue;
      if (VOLATILE_KEYS.has(rawKey)) {
        if (jsonType(value) !== jsonType(a[key])) problems.push(`${path}.${key}: expected a ${jsonType(value)}, got ${JSON.stringify(a[key])}`);
        continue;
      }
      problems.push(...compareValues(value, a[key], bindings, `${path}.${key}`));
    }
    return problems;
  }
  return expected === actual ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
