import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoMfaVerification } from '../logto/logto.types.js';
import { UserLockService } from '../store/user-lock.service.js';
import { StepUpService } from '../verification/step-up.service.js';
import type { BackupCodesDto, BackupCodesStatusDto } from './dto/backup-codes.dto.js';
import type { MfaFactorDto, MfaFactorListDto } from './dto/mfa-factor.dto.js';
import { BACKUP_CODE_COUNT, backupCodesStatus, factorType, isBackupCodes, isRealFactor, mapMfaFactor } from './mfa-factors.js';

/** Attempts to bind a new backup code set once the old one is gone (see `bindBackupCodes`). */
const BIND_ATTEMPTS = 3;
/** Failures of Logto itself, after which the same request may well succeed. */
const TRANSIENT = new Set(['upstream.unavailable', 'upstream.timeout', 'upstream.unreachable']);

export interface MfaOverview {
  factors: MfaFactorDto[];
  backupCodes: BackupCodesStatusDto;
}

/** The account's MFA factors as Logto holds them: listing, backup codes, removal. */
@Injectable()
export class MfaService {
  private readonly logger = new Logger('Mfa');

  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly stepUp: StepUpService,
    private readonly locks: UserLockService,
    private readonly audit: AuditService,
  ) {}

  async listFactors(userId: string): Promise<MfaFactorListDto> {
    return { items: (await this.logto.listMfaVerifications(userId)).map(mapMfaFactor) };
  }

  /** Factors and backup code counts from one Logto call (the security overview uses it). */
  async overview(userId: string): Promise<MfaOverview> {
    const verifications = await this.logto.listMfaVerifications(userId);
    return { factors: verifications.map(mapMfaFactor), backupCodes: backupCodesStatus(verifications) };
  }

  async backupCodesStatus(userId: string): Promise<BackupCodesStatusDto> {
    return backupCodesStatus(await this.logto.listMfaVerifications(userId));
  }

  /**
   * A new set of backup codes, replacing the old one. Logto refuses a second BackupCode verification while
   * the first has unused codes (422 user.backup_code_already_in_use), so the old set must go first, and the
   * order is chosen so that every failure leaves the user with a usable set wherever Logto allows it:
   *   1. every precondition (another factor, step-up) is checked before anything is touched;
   *   2. the new codes are generated here, in Logto's format, so binding them can be repeated safely;
   *   3. the old set is deleted; if that fails, the old codes still work and the error is returned;
   *   4. the new set is bound, retried on Logto failures with the same codes; a retry that finds a set
   *      already bound means an earlier attempt got through (its answer was lost) and those are our codes.
   * Only when Logto keeps failing after step 3 is the user left without backup codes; the problem says so,
   * and the real factor (TOTP, passkey) still protects and opens the account.
   */
  async regenerateBackupCodes(userId: string, verificationId: string | undefined): Promise<BackupCodesDto> {
    return this.locks.withUserLock(userId, async () => {
      const verifications = await this.logto.listMfaVerifications(userId);
      // Logto: `session.mfa.backup_code_can_not_be_alone` (07-mfa-create-backup-code-alone).
      if (!verifications.some(isRealFactor)) {
        throw new DomainError('mfa.backup_codes_need_factor', 'Add an authenticator app or a passkey before generating backup codes.');
      }
      await this.stepUp.require(userId, verificationId);

      const codes = generateBackupCodes();
      const previous = verifications.filter(isBackupCodes);
      for (const set of previous) await this.deleteBackupCodeSet(userId, set.id);
      await this.bindBackupCodes(userId, codes, previous.length > 0);
      // MFA factors changed: no record obtained before the change may authorize anything more.
      await this.stepUp.revokeAll(userId);

      await this.audit.record('mfa.backup_codes_regenerated', userId, { replaced: previous.length > 0 });
      return { codes };
    });
  }

  /**
   * Removes one factor (TOTP, passkey, or the backup code set). Logto deletes exactly the verification it is
   * given: removing the last TOTP leaves the backup codes behind (07-mfa-list-after-delete), and backup codes
   * without another factor are useless (Logto will not even create them alone). So when the last real factor
   * goes, its backup codes go with it.
   */
  async removeFactor(userId: string, factorId: string, verificationId: string | undefined): Promise<void> {
    await this.locks.withUserLock(userId, async () => {
      const verifications = await this.logto.listMfaVerifications(userId);
      // Only ids from this user's own list reach Logto: another user's factor id is simply not found.
      const factor = verifications.find((verification) => verification.id === factorId);
      if (!factor) throw new DomainError('mfa.not_found', 'The account has no MFA factor with this id.');
      await this.stepUp.require(userId, verificationId);

      await this.logto.deleteMfaVerification(userId, factor.id);
      const orphanedBackupCodes =
        isRealFactor(factor) && !verifications.some((other) => other.id !== factor.id && isRealFactor(other))
          ? verifications.filter(isBackupCodes)
          : [];
      const backupCodesRemoved = await this.removeOrphanedBackupCodes(userId, orphanedBackupCodes);
      await this.stepUp.revokeAll(userId);
      await this.audit.record('mfa.removed', userId, { type: factorType(factor), backupCodesRemoved });
    });
  }

  private async removeOrphanedBackupCodes(userId: string, sets: LogtoMfaVerification[]): Promise<boolean> {
    if (sets.length === 0) return false;
    try {
      for (const set of sets) await this.deleteBackupCodeSet(userId, set.id);
      return true;
    } catch (error) {
      // The factor the user asked to remove is gone, which is what they asked for. The leftover set is listed
      // and can be removed on its own; it is not worth failing the request over.
      this.logger.warn({ err: error }, 'backup codes left behind after removing the last MFA factor');
      return false;
    }
  }

  /** Deletes a backup code set; a set that turns out to be gone already counts as deleted. */
  private async deleteBackupCodeSet(userId: string, setId: string): Promise<void> {
    try {
      await this.logto.deleteMfaVerification(userId, setId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'mfa.not_found') return;
      // A timeout says nothing about whether Logto deleted it: look before deciding.
      const stillThere = await this.logto
        .listMfaVerifications(userId)
        .then((verifications) => verifications.some((verification) => verification.id === setId))
        .catch(() => true);
      if (stillThere) throw error;
    }
  }

  private async bindBackupCodes(userId: string, codes: string[], replacedOldSet: boolean): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.logto.createBackupCodes(userId, codes);
        return;
      } catch (error) {
        if (error instanceof DomainError && error.code === 'mfa.backup_codes_exist' && attempt > 1) {
          // We hold the user's lock and deleted the old set: the set Logto has now is the one we sent earlier.
          return;
        }
        if (error instanceof DomainError && TRANSIENT.has(error.code) && attempt < BIND_ATTEMPTS) continue;
        if (replacedOldSet && error instanceof DomainError && error.code !== 'mfa.backup_codes_need_factor') {
          this.logger.warn({ code: error.code }, 'old backup codes removed but the new set could not be bound');
          throw new DomainError(error.code, 'The previous backup codes were removed, but Logto did not store the new ones. Generate backup codes again.', {
            headers: error.headers,
            extensions: { ...error.extensions, backupCodesRemoved: true },
            cause: error,
          });
        }
        throw error;
      }
    }
  }
}

/** Logto's own format (07-mfa-create-backup-code): 10 codes of 10 lowercase hex characters, 40 random bits each. */
export function generateBackupCodes(): string[] {
  return Array.from({ length: BACKUP_CODE_COUNT }, () => randomBytes(5).toString('hex'));
}
