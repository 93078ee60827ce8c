import { ApiProperty } from '@nestjs/swagger';
import { ActivityItemDto } from '../../activity/dto/activity.dto.js';
import { DeletionStatusDto } from '../../deletion/dto/deletion-status.dto.js';
import { IdentitiesDto } from '../../identities/dto/identities-response.dto.js';
import { MfaFactorDto } from '../../mfa/dto/mfa-factor.dto.js';
import { OrganizationDto } from '../../organizations/dto/organizations-response.dto.js';
import { AccountDto } from '../../profile/dto/account.dto.js';
import { GrantDto, SessionDto } from '../../sessions/dto/sessions-response.dto.js';

/**
 * Everything Logto holds about the user that this service can read, in the shapes of the service's own
 * routes (GET /me, /me/identities, /me/mfa/factors, /me/sessions, /me/grants, /me/organizations,
 * /me/activity). Provider tokens, MFA secrets and backup codes are never part of it.
 */
export class AccountExportDto {
  /** Version of this document's format; raised on incompatible changes. */
  @ApiProperty({ example: 1 })
  formatVersion!: number;
  /** When the export was made (ISO 8601). */
  @ApiProperty({ example: '2026-11-22T03:51:27.349Z' })
  exportedAt!: string;
  /** The account with its profile claims and the user-visible custom data (as GET /me). */
  account!: AccountDto;
  /** Linked social and enterprise SSO identities (no provider tokens or raw provider data). */
  identities!: IdentitiesDto;
  /** MFA factors (no secrets, no codes). */
  mfaFactors!: MfaFactorDto[];
  /** Sign-in sessions. */
  sessions!: SessionDto[];
  /** Applications the user has authorized. */
  grants!: GrantDto[];
  organizations!: OrganizationDto[];
  /** The newest 100 items of the activity feed (as GET /me/activity). */
  activity!: ActivityItemDto[];
  /** Whether the account is scheduled for deletion. */
  deletion!: DeletionStatusDto;
}
