import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * JSON sealed with AES-256-GCM under a 32-byte key (a random 96-bit IV per value, the 128-bit tag checked on
 * opening), as base64url of IV ‖ tag ‖ ciphertext: what the service keeps in the shared store and must not be
 * readable or forgeable there (idempotency records, the Management API token).
 */
export function sealJson(key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url');
}

/** The value `sealJson` sealed under `key`; throws when `sealed` was not sealed under it or was altered. */
export function openSealedJson<T>(key: Buffer, sealed: string): T {
  const data = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
  decipher.setAuthTag(data.subarray(12, 28));
  return JSON.parse(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8')) as T;
}
