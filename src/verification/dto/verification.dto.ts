import { ApiProperty } from '@nestjs/swagger';
import type { VerificationMethod, VerificationRecord } from '../verification-record.js';

export class VerificationDto {
  /** Send it as the `Verification-Id` header of sensitive requests while it is verified and unexpired. */
  @ApiProperty({ example: 'o3kD0r7mW2b1l1f0ZzJQm5b8pX2hX2tq8Qy1dE7sV1c' })
  verificationId!: string;

  /** How the user proved it is them. */
  @ApiProperty({ enum: ['password', 'email', 'phone', 'reauthentication'] })
  method!: VerificationMethod;

  /** `pending` until the code is verified; only `verified` records unlock sensitive routes. */
  @ApiProperty({ enum: ['pending', 'verified'] })
  status!: 'pending' | 'verified';

  /** When the record stops being accepted (ISO 8601). */
  @ApiProperty({ example: '2025-01-01T12:10:00.000Z' })
  expiresAt!: string;
}

export function mapVerification(record: VerificationRecord): VerificationDto {
  return {
    verificationId: record.id,
    method: record.method,
    status: record.status,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}
