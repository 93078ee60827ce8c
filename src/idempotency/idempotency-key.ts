import { createHmac, hkdfSync } from 'node:crypto';
import { DomainError } from '../common/errors/domain-error.js';
import { canonicalJson } from '../common/canonical-json.js';
import { openSealedJson, sealJson } from '../common/sealing.js';

/** 1–255 printable ASCII characters (IETF httpapi idempotency-key draft; the same bound Stripe uses). */
const KEY_SYNTAX = /^[\x20-\x7e]{1,255}$/;

/**
 * Reads an Idempotency-Key header. The draft defines it as a Structured Field String (`"abc"`); most
 * clients send the bare value, so both are accepted and mean the same key.
 */
export function parseIdempotencyKey(header: string | string[]): string {
  const raw = Array.isArray(header) ? header.join(', ') : header;
  const value = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw;
  if (!KEY_SYNTAX.test(value) || value.trim() === '') {
    const errors = [{ field: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' }];
    // `errors`, as in every validation problem; `issues` is the name this one used before, kept as a
    // deprecated alias until clients have moved (public fields are never renamed in place).
    throw new DomainError('request.validation_failed', 'Idempotency-Key must be 1 to 255 printable ASCII characters.', {
      extensions: { errors, issues: errors },
    });
  }
  return value;
}

/**
 * Everything derived from one user's idempotency key. Stored responses may carry secrets (backup codes, a
 * TOTP secret) and personal data, so they are sealed with a key derived from the Idempotency-Key, which
 * only the client knows: what sits in Redis is unreadable without it, and the store key (another
 * derivation) does not reveal it.
 */
export class IdempotencyKeyMaterial {
  readonly recordId: string;
  private readonly secret: Buffer;

  constructor(userId: string, key: string) {
    const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, userId, info, 32));
    this.recordId = derive('idempotency record id').toString('base64url');
    this.secret = derive('idempotency record key');
  }

  /** What makes two requests "the same": method, path with query, and the body with keys in canonical order. */
  fingerprint(method: string, url: string, body: unknown): string {
    return createHmac('sha256', this.secret).update(`${method} ${url}\n${canonicalJson(body)}`).digest('base64url');
  }

  seal(value: unknown): string {
    return sealJson(this.secret, value);
  }

  open<T>(sealed: string): T {
    return openSealedJson<T>(this.secret, sealed);
  }
}
