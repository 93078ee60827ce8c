/**
 * Keys whose values never reach a log line, whatever object they sit in: credentials, verification codes,
 * TOTP secrets, backup codes, tokens, verification record ids and idempotency keys (they unlock stored replays).
 */
const SENSITIVE_KEY =
  /pass(word|phrase)?|secret|token|authorization|cookie|^code$|codes$|Code$|^otp|verification-?id|api-?key|idempotency-?key|credential|^jwt$/i;

export const REDACTED = '[redacted]';

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key);
}

/** Returns a copy of plain objects and arrays with sensitive keys censored; other values are returned as is. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  // Errors, dates and buffers have their own serializers; DTO instances and plain objects are walked.
  if (value instanceof Error || value instanceof Date || ArrayBuffer.isView(value) || value instanceof Map || value instanceof Set) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) ? REDACTED : redactDeep(inner, depth + 1);
  }
  return out;
}
