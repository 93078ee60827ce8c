import { createHash } from 'node:crypto';

/** A strong ETag (RFC 9110 §8.8.3) of a JSON representation: the hash of its exact serialization. */
export function etagOf(serialized: string): string {
  return `"${createHash('sha256').update(serialized).digest('base64url').slice(0, 27)}"`;
}

export function etagOfValue(value: unknown): string {
  return etagOf(JSON.stringify(value));
}

/** Whether an If-None-Match / If-Match header value lists this ETag (or `*`). Weak comparison for If-None-Match. */
export function etagMatches(header: string | undefined, etag: string, { weak }: { weak: boolean }): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    if (value === '*') return true;
    if (weak) return value.replace(/^W\//, '') === etag;
    return value === etag;
  });
}
