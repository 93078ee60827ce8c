/**
 * Structural comparison of a recorded body with the emulator's: same keys recursively, same
 * JSON types; strings that are placeholders (`{userId}`) or redactions (`<redacted:…>`) match any
 * string; arrays are compared element by element and must have the same length.
 */

export type Bindings = Record<string, string>;

const PLACEHOLDER = /^\{[A-Za-z][A-Za-z0-9]*\}$/;

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Replaces `{name}` with bound values anywhere inside a string. */
export function substitute(text: string, bindings: Bindings): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (whole, name: string) => bindings[name] ?? whole);
}

export function compareShape(expected: unknown, actual: unknown, bindings: Bindings, path = '$'): string[] {
  const expectedType = jsonType(expected);
  const actualType = jsonType(actual);
  if (expectedType !== actualType) {
    return [`${path}: expected ${expectedType}${expectedType === 'string' ? ` (${String(expected)})` : ''}, got ${actualType}`];
  }
  if (expectedType === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length !== a.length) return [`${path}: expected ${e.length} elements, got ${a.length}`];
    return e.flatMap((item, index) => compareShape(item, a[index], bindings, `${path}[${index}]`));
  }
  if (expectedType === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const problems: string[] = [];
    const actualKeys = new Set(Object.keys(a));
    const unboundKeys: string[] = [];
    for (const rawKey of Object.keys(e)) {
      const key = substitute(rawKey, bindings);
      if (actualKeys.has(key)) {
        actualKeys.delete(key);
        problems.push(...compareShape(e[rawKey], a[key], bindings, `${path}.${key}`));
      } else if (PLACEHOLDER.test(key)) {
        unboundKeys.push(rawKey);
      } else {
        problems.push(`${path}: missing key "${key}"`);
      }
    }
    // An unbound placeholder key (e.g. authorizations["{spaAppId}"]) pairs with any leftover key.
    for (const rawKey of unboundKeys) {
      const [match] = [...actualKeys];
      if (match === undefined) {
        problems.push(`${path}: missing key for ${rawKey}`);
        continue;
      }
      actualKeys.delete(match);
      problems.push(...compareShape(e[rawKey], a[match], bindings, `${path}.${match}`));
    }
    for (const extra of actualKeys) problems.push(`${path}: unexpected key "${extra}"`);
    return problems;
  }
  return [];
}
