import { ApiProperty } from '@nestjs/swagger';
import { ACTIVITY_TYPES, type ActivityType } from '../activity-types.js';

export class ActivityApplicationDto {
  /** The application's client id in Logto. */
  @ApiProperty({ example: 'spa1a2b3c4d5e6f7' })
  id!: string;
}

/**
 * One event of the account. Sign-ins, sign-ups and password resets come from Logto's logs and carry the IP
 * address, user agent and application Logto recorded; changes made through this service (`*_changed`,
 * `mfa_*`, `identity_*`, …) carry none of these. Failed sign-ins are usually missing: Logto logs them before
 * it knows the user (no user id on the entry).
 */
export class ActivityItemDto {
  /** Stable id of the event. */
  @ApiProperty({ example: 'x1y2z3a4b5c6d7e8f9g0h' })
  id!: string;

  @ApiProperty({ enum: ACTIVITY_TYPES, example: 'sign_in' })
  type!: ActivityType;

  /** When it happened (ISO 8601). */
  @ApiProperty({ example: '2026-11-22T03:51:27.349Z' })
  at!: string;

  /** The address the request came from, as Logto saw it. */
  @ApiProperty({ example: '203.0.113.7' })
  ip?: string;

  @ApiProperty({ example: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15' })
  userAgent?: string;

  /** The application the user signed in to. */
  application?: ActivityApplicationDto;

  @ApiProperty({ enum: ['success', 'failure'], example: 'success' })
  result!: 'success' | 'failure';

  /** Non-secret facts about a change made through this service, e.g. `{ "target": "github" }`. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { target: 'github' } })
  details?: Record<string, string | number | boolean>;
}

export class ActivityPageDto {
  /** Newest first. */
  items!: ActivityItemDto[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}
