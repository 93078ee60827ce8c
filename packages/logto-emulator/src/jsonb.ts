/**
 * PostgreSQL `jsonb` key order.
 *
 * Logto stores identities, connector configs and similar objects in `jsonb` columns, and Postgres
 * hands `jsonb` objects back with their keys sorted by length first, then bytewise — which is why
 * 06-identities-put-create answers `{name, email, avatar}` for a request body `{email, name,
 * avatar}`, and why the `github` identity precedes `mock-social` whatever the linking order. The
 * emulator stores such values already in that order, so every response that carries them (the
 * identities map, the user profile, connector configs) shows the recorded key order.
 */
import type { JsonObject, JsonValue } from './state.js';

function compareJsonbKeys(a: string, b: string): number {
  const byteA = Buffer.from(a, 'utf8');
  const byteB = Buffer.from(b, 'utf8');
  if (byteA.length !== byteB.length) return byteA.length - byteB.length;
  return Buffer.compare(byteA, byteB);
}

/** A deep copy of `value` whose objects have their keys in `jsonb` order. */
export function jsonbOrder<T extends JsonValue>(value: T): T;
export function jsonbOrder(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((item) => jsonbOrder(item));
  if (value === null || typeof value !== 'object') return value;
  const ordered: JsonObject = {};
  for (const key of Object.keys(value).sort(compareJsonbKeys)) {
    const item = value[key];
    // `undefined` is not JSON: a `jsonb` column never holds it.
    if (item !== undefined) ordered[key] = jsonbOrder(item);
  }
  return ordered;
}
