import type { LogtoMfaVerification } from '../logto/logto.types.js';
import type { BackupCodesStatusDto } from './dto/backup-codes.dto.js';
import type { MfaFactorDto, MfaFactorType } from './dto/mfa-factor.dto.js';

/** Logto's MFA verification types (openapi.json of 1.41: `Totp | WebAuthn | BackupCode | EmailVerificationCode | PhoneVerificationCode`). */
const FACTOR_TYPES: Record<string, MfaFactorType> = {
  Totp: 'totp',
  WebAuthn: 'webauthn',
  BackupCode: 'backup_code',
  EmailVerificationCode: 'email_code',
  PhoneVerificationCode: 'phone_code',
};

/**
 * Logto always generates 10 backup codes (07-mfa-create-backup-code) and so do we; its list reports only the
 * unused ones (`remainCodes`), never the size of the set, so the total is this constant.
 */
export const BACKUP_CODE_COUNT = 10;

export function factorType(verification: Pick<LogtoMfaVerification, 'type'>): MfaFactorType {
  return FACTOR_TYPES[verification.type] ?? (verification.type.toLowerCase() as MfaFactorType);
}

export const isBackupCodes = (verification: Pick<LogtoMfaVerification, 'type'>): boolean => verification.type === 'BackupCode';

/** A factor that proves possession on its own; backup codes only stand in for one (Logto refuses them alone). */
export const isRealFactor = (verification: Pick<LogtoMfaVerification, 'type'>): boolean => !isBackupCodes(verification);

/** Logto's list entry (07-mfa-list-nonempty) as our clients see it: never a secret or a code (Logto sends none). */
export function mapMfaFactor(verification: LogtoMfaVerification): MfaFactorDto {
  const factor: MfaFactorDto = { id: verification.id, type: factorType(verification), createdAt: verification.createdAt };
  if (verification.name !== undefined) factor.name = verification.name;
  if (verification.agent !== undefined) factor.agent = verification.agent;
  if (verification.lastUsedAt !== undefined) factor.lastUsedAt = verification.lastUsedAt;
  if (isBackupCodes(verification)) factor.remainingCodes = verification.remainCodes ?? 0;
  return factor;
}

export function backupCodesStatus(verifications: LogtoMfaVerification[]): BackupCodesStatusDto {
  const sets = verifications.filter(isBackupCodes);
  if (sets.length === 0) return { total: 0, remaining: 0 };
  const remaining = sets.reduce((sum, set) => sum + (set.remainCodes ?? 0), 0);
  return { total: Math.max(BACKUP_CODE_COUNT * sets.length, remaining), remaining };
}
