import { DomainError } from '../common/errors/domain-error.js';

/**
 * A position in the merged feed: the (time, id) of the last item returned. The feed is ordered by time, then
 * id, both descending, in both sources, so "strictly after this position" is well defined across Logto's
 * logs and the service's own records, and stable when new events arrive (they sort before it).
 */
export interface ActivityPosition {
  /** epoch ms */
  at: number;
  /** '' sorts after every real id of the same time: `{ at: T + 1, id: '' }` means "from time T on down". */
  id: string;
}

const CURSOR_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;
const ID_PATTERN = /^[A-Za-z0-9_-]{0,64}$/;

/** Base64url JSON: opaque to clients, who only hand it back. */
export function encodeCursor(position: ActivityPosition): string {
  return Buffer.from(JSON.stringify({ t: position.at, i: position.id })).toString('base64url');
}

export function decodeCursor(cursor: string): ActivityPosition {
  const invalid = () =>
    new DomainError('request.validation_failed', 'The cursor is not valid. Use the nextCursor of a previous answer as it is.', {
      extensions: { errors: [{ field: 'cursor', message: 'is not a cursor this service issued' }] },
    });
  if (!CURSOR_PATTERN.test(cursor)) throw invalid();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const { t, i, ...rest } = parsed as Record<string, unknown>;
  if (Object.keys(rest).length > 0) throw invalid();
  if (typeof t !== 'number' || !Number.isSafeInteger(t) || t < 0) throw invalid();
  if (typeof i !== 'string' || !ID_PATTERN.test(i)) throw invalid();
  // Re-encoding must give the same text: anything else was not produced by encodeCursor.
  if (encodeCursor({ at: t, id: i }) !== cursor) throw invalid();
  return { at: t, id: i };
}

/** Newest first: later time first, then the greater id. */
export function compareNewestFirst(a: ActivityPosition, b: ActivityPosition): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Whether `item` comes strictly after `position` in the feed's order. */
export function isAfter(item: ActivityPosition, position: ActivityPosition | undefined): boolean {
  return position === undefined || compareNewestFirst(position, item) < 0;
}
