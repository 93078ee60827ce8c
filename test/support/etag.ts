import { createHash } from 'node:crypto';

/**
 * The strong ETag a response must carry: a hash of the exact body bytes sent (the first 27 characters of the
 * base64url SHA-256, quoted). Written out here rather than imported, so a test does not check the service's
 * ETag with the service's own function.
 */
export function expectedETag(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
