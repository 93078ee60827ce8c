import { Injectable } from '@nestjs/common';
import { ActivityService, MAX_ACTIVITY_LIMIT } from '../activity/activity.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { toDeletionStatus } from '../deletion/deletion.service.js';
import { readReservedData } from '../account/reserved-data.service.js';
import { toSocialIdentityDto, toSsoIdentityDto } from '../identities/dto/identities-response.dto.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import { mapMfaFactor } from '../mfa/mfa-factors.js';
import { toOrganizationDto } from '../organizations/dto/organizations-response.dto.js';
import { iso, mapAccount } from '../profile/account.mapper.js';
import { CustomDataPolicy } from '../profile/custom-data.policy.js';
import { toGrantDto, toSessionDto } from '../sessions/dto/sessions-response.dto.js';
import { SharedStore } from '../store/shared-store.js';
import type { AccountExportDto } from './dto/account-export.dto.js';

export const EXPORT_FORMAT_VERSION = 1;
/** At most one export per user in this window: an export costs eight Logto calls and holds the whole account. */
export const EXPORT_WINDOW_MS = 10 * 60_000;

export interface AccountExport {
  filename: string;
  document: AccountExportDto;
}

@Injectable()
export class ExportService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly customData: CustomDataPolicy,
    private readonly activity: ActivityService,
    private readonly store: SharedStore,
    private readonly clock: Clock,
  ) {}

  async export(userId: string): Promise<AccountExport> {
    // A counter in the shared store, so the limit holds across instances (Redis). Counted before the work, so
    // concurrent requests cannot all slip through; released again if the export fails, so a Logto outage does
    // not cost the user their export.
    const key = exportKey(userId);
    const { count, resetInMs } = await this.store.increment(key, EXPORT_WINDOW_MS);
    if (count > 1) throw exportLimited(resetInMs);
    try {
      return { filename: exportFilename(userId), document: await this.collect(userId) };
    } catch (error) {
      await this.store.delete(key);
      throw error;
    }
  }

  /**
   * What HEAD answers: whether an export may start now, and the file name it would have. Reads the window
   * without counting and calls nothing upstream: HEAD is safe (RFC 9110 §9.3.2) and must not use up the export.
   */
  async probe(userId: string): Promise<{ filename: string }> {
    const resetInMs = await this.store.ttl(exportKey(userId));
    if (resetInMs !== undefined) throw exportLimited(resetInMs);
    return { filename: exportFilename(userId) };
  }

  private async collect(userId: string): Promise<AccountExportDto> {
    const [user, mfa, sessions, grants, organizations, activity] = await Promise.all([
      this.logto.getUser(userId),
      this.logto.listMfaVerifications(userId),
      this.logto.listSessions(userId),
      this.logto.listGrants(userId),
      this.logto.listOrganizations(userId),
      this.activity.list(userId, { limit: MAX_ACTIVITY_LIMIT }),
    ]);
    // Sessions carry client ids only; grants carry the application names (as GET /me/sessions does).
    const names = new Map<string, string>();
    for (const grant of grants) if (grant.application) names.set(grant.application.id, grant.application.name);
    const customData = user.customData ?? {};
    return {
      formatVersion: EXPORT_FORMAT_VERSION,
      exportedAt: iso(this.clock.now()),
      account: mapAccount(user, this.customData.visible(customData)),
      identities: {
        social: Object.entries(user.identities ?? {}).map(([target, identity]) => toSocialIdentityDto(target, identity)),
        sso: (user.ssoIdentities ?? []).map(toSsoIdentityDto),
      },
      mfaFactors: mfa.map(mapMfaFactor),
      sessions: sessions.map((session) => toSessionDto(session, names)),
      grants: grants.map(toGrantDto),
      organizations: organizations.map(toOrganizationDto),
      activity: activity.items,
      deletion: toDeletionStatus(readReservedData(customData).deletion),
    };
  }
}

function exportKey(userId: string): string {
  return `export:${userId}`;
}

function exportFilename(userId: string): string {
  return `account-export-${userId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`;
}

function exportLimited(resetInMs: number): DomainError {
  return new DomainError('rate_limit.exceeded', 'You can export your account once every 10 minutes.', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(resetInMs / 1000))) },
  });
}
