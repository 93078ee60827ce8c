import { ApiProperty } from '@nestjs/swagger';

/** Whether the account is scheduled for deletion. */
export class DeletionStatusDto {
  @ApiProperty({ enum: ['none', 'scheduled'], example: 'scheduled' })
  status!: 'none' | 'scheduled';
  /** When the user asked for the deletion (ISO 8601); only while scheduled. */
  @ApiProperty({ example: '2026-11-20T08:30:00.000Z' })
  requestedAt?: string;
  /** When the account will be deleted (ISO 8601); only while scheduled. Cancel before then with DELETE /me/deletion. */
  @ApiProperty({ example: '2026-12-20T08:30:00.000Z' })
  scheduledFor?: string;
}
