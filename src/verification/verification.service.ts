import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { VerificationCodeTarget } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import { UserLockService } from '../store/user-lock.service.js';
import { CodeDeliveryService, type CodeChannel } from './code-delivery.service.js';
import { mapVerification, type VerificationDto } from './dto/verification.dto.js';
import { StepUpService } from './step-up.service.js';
import { verificationKey, type VerificationRecord } from './verification-record.js';
import { WrongCodeLimiter } from './wrong-code-limiter.service.js';
import { IdTokenVerifier } from './id-token-verifier.service.js';
import {
  verificationLockouts,
  verificationRecordsCreated,
  verificationRecordsFailed,
  verificationRecordsVerified,
} from '../observability/metrics.js';

import {
  attemptsLeft,
  isBurnedRecord,
  isLockedOut,
  lockoutRetryAfter,
  PASSWORD_FAILURE_LIMIT,
  PASSWORD_FAILURE_WINDOW_MS,
  wrongCodeOnRecord,
} from './lockout-rules.js';

export { CODE_FAILURE_LIMIT, PASSWORD_FAILURE_LIMIT, PASSWORD_FAILURE_WINDOW_MS } from './lockout-rules.js';

/**
 * Creates and verifies step-up records. Logto's Management API has no brute-force protection of its own
 * (`POST /users/{id}/password/verify` accepts the right password after any number of wrong ones:
 * 04-password-verify-correct-after-failures), so the limits live here, in the shared store.
 *
 * Both checks are read-check-write sequences (failure counter, record attempts); they run under the per-user
 * lock so that parallel guesses cannot all pass the check before any failure is counted.
 */
@Injectable()
export class VerificationService {
  private readonly logger = new Logger('Verification');
  private readonly maxAgeMs: number;

  constructor(
    config: ConfigService<AllConfig, true>,
    private readonly store: SharedStore,
    private readonly clock: Clock,
    private readonly logto: LogtoManagementGateway,
    private readonly locks: UserLockService,
    private readonly codes: CodeDeliveryService,
    private readonly stepUp: StepUpService,
    private readonly wrongCodes: WrongCodeLimiter,
    private readonly idTokens: IdTokenVerifier,
  ) {
    this.maxAgeMs = config.get('account', { infer: true }).stepUpMaxAgeSeconds * 1000;
  }

  async verifyPassword(userId: string, password: string): Promise<VerificationDto> {
    return this.locks.withUserLock(userId, async () => {
      const failuresKey = `verification-failures:password:${userId}`;
      if (isLockedOut(await this.store.get<number>(failuresKey), PASSWORD_FAILURE_LIMIT)) throw await this.locked(failuresKey);

      if (!(await this.logto.verifyPassword(userId, password))) {
        const { count } = await this.store.increment(failuresKey, PASSWORD_FAILURE_WINDOW_MS);
        verificationRecordsFailed.inc({ method: 'password' });
        if (isLockedOut(count, PASSWORD_FAILURE_LIMIT)) {
          this.logger.warn({ userId }, 'password verification locked after repeated failures');
          verificationLockouts.inc({ method: 'password' });
        }
        throw new DomainError('verification.invalid_password', 'The password is wrong.', {
          extensions: { remainingAttempts: attemptsLeft(count, PASSWORD_FAILURE_LIMIT) },
        });
      }
      const record = await this.save(await this.newRecord(userId, 'password', 'verified'));
      verificationRecordsCreated.inc({ method: 'password' });
      verificationRecordsVerified.inc({ method: 'password' });
      return mapVerification(record);
    });
  }

  /**
   * Re-authentication: an ID token from a fresh sign-in at Logto (IdTokenVerifier) gives a verified record at
   * once. It is the one method every user has, including those with only a social or SSO identity.
   */
  async verifyReauthentication(userId: string, idToken: string): Promise<VerificationDto> {
    if (!this.idTokens.enabled) {
      throw new DomainError('verification.method_unavailable', 'Re-authentication is not enabled on this service (REAUTH_CLIENT_IDS).');
    }
    try {
      await this.idTokens.verify(userId, idToken);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'verification.invalid_id_token') verificationRecordsFailed.inc({ method: 'reauthentication' });
      throw error;
    }
    const record = await this.save(await this.newRecord(userId, 'reauthentication', 'verified'));
    verificationRecordsCreated.inc({ method: 'reauthentication' });
    verificationRecordsVerified.inc({ method: 'reauthentication' });
    return mapVerification(record);
  }

  async sendCode(userId: string, channel: CodeChannel): Promise<VerificationDto> {
    const user = await this.logto.getUser(userId);
    const address = channel === 'email' ? user.primaryEmail : user.primaryPhone;
    if (!address) {
      throw new DomainError('verification.channel_unavailable', `The account has no ${channel === 'email' ? 'email address' : 'phone number'} to send a code to.`, {
        extensions: { methods: this.stepUp.availableMethods(user) },
      });
    }
    const target: VerificationCodeTarget = channel === 'email' ? { email: address } : { phone: address };
    // A code that could not be entered would only fill the user's inbox.
    await this.wrongCodes.assertNotLocked(userId);
    await this.codes.send(userId, channel, target);
    const record = await this.save({ ...(await this.newRecord(userId, channel, 'pending')), target: address });
    verificationRecordsCreated.inc({ method: channel });
    return mapVerification(record);
  }

  async verifyCode(userId: string, verificationId: string, code: string): Promise<VerificationDto> {
    return this.locks.withUserLock(userId, async () => {
      // Unknown, expired, burned and other users' records all look the same: gone.
      const record = await this.stepUp.find(userId, verificationId);
      if (!record || isBurnedRecord(record.failedAttempts)) throw gone();
      // A retry after a lost response must not fail: the record is already what the client wanted.
      if (record.status === 'verified') return mapVerification(record);
      if (!record.target) throw gone();
      await this.wrongCodes.assertNotLocked(userId);

      const target: VerificationCodeTarget = record.method === 'email' ? { email: record.target } : { phone: record.target };
      try {
        await this.logto.verifyVerificationCode(target, code);
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'verification_code.invalid') throw error;
        return this.countWrongCode(record);
      }
      // The proof dates from now: a user who took a while to type the code still gets the full step-up window.
      const now = this.clock.now();
      const verified = await this.save({ ...record, status: 'verified', expiresAt: now + this.maxAgeMs });
      verificationRecordsVerified.inc({ method: record.method });
      return mapVerification(verified);
    });
  }

  private async countWrongCode(record: VerificationRecord): Promise<never> {
    verificationRecordsFailed.inc({ method: record.method });
    const leftForUser = await this.wrongCodes.recordWrongCode(record.userId, record.method);
    const { failedAttempts, burned, remainingAttempts } = wrongCodeOnRecord(record.failedAttempts, leftForUser);
    // A burned record is gone: any later attempt, even with the right code, answers 410.
    if (burned) {
      await this.store.delete(verificationKey(record.id));
      verificationLockouts.inc({ method: record.method });
    } else {
      await this.save({ ...record, failedAttempts });
    }
    throw new DomainError('verification.invalid_code', 'The verification code is wrong.', {
      extensions: { remainingAttempts },
    });
  }

  private async newRecord(userId: string, method: VerificationRecord['method'], status: VerificationRecord['status']): Promise<VerificationRecord> {
    const epoch = await this.stepUp.currentEpoch(userId);
    const now = this.clock.now();
    return {
      ...(epoch === undefined ? {} : { epoch }),
      // 256 random bits, base64url (43 characters): unguessable, and matching VERIFICATION_ID_PATTERN.
      id: randomBytes(32).toString('base64url'),
      userId,
      method,
      status,
      createdAt: now,
      expiresAt: now + this.maxAgeMs,
      failedAttempts: 0,
    };
  }

  private async save(record: VerificationRecord): Promise<VerificationRecord> {
    await this.store.set(verificationKey(record.id), record, Math.max(1, record.expiresAt - this.clock.now()));
    return record;
  }

  private async locked(failuresKey: string): Promise<DomainError> {
    return new DomainError('verification.locked', 'Too many wrong passwords. Try again later.', {
      headers: { 'retry-after': lockoutRetryAfter(await this.store.ttl(failuresKey), PASSWORD_FAILURE_WINDOW_MS) },
    });
  }
}

function gone(): DomainError {
  return new DomainError('verification.expired', 'This verification has expired or was used up. Start a new one.');
}
