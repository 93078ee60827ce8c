import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import type { AllConfig } from '../config/app-config.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { currentRequestContext } from '../common/logging/request-context.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoUser } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import {
  VERIFICATION_ID_PATTERN,
  verificationEpochKey,
  verificationKey,
  type VerificationMethod,
  type VerificationRecord,
} from './verification-record.js';
import { availableStepUpMethods, isUsableRecord } from './step-up-rules.js';

/**
 * The check every sensitive route makes: the `Verification-Id` header names a verified, unexpired record
 * of this same user. Services call `require` after their own precondition checks (e.g. the last sign-in
 * method), so nobody is asked to verify for an action that cannot succeed.
 */
@Injectable()
export class StepUpService {
  private readonly maxAgeMs: number;
  /** REAUTH_MAX_AGE_SECONDS when the re-authentication method is on (REAUTH_CLIENT_IDS set). */
  private readonly reauthMaxAgeSeconds?: number;

  constructor(
    private readonly store: SharedStore,
    private readonly clock: Clock,
    private readonly logto: LogtoManagementGateway,
    config: ConfigService<AllConfig, true>,
  ) {
    this.maxAgeMs = config.get('account', { infer: true }).stepUpMaxAgeSeconds * 1000;
    const auth = config.get('auth', { infer: true });
    if (auth.reauthClientIds.length > 0) this.reauthMaxAgeSeconds = auth.reauthMaxAgeSeconds;
  }

  /** The step-up methods this user can use right now. */
  availableMethods(user: Pick<LogtoUser, 'hasPassword' | 'primaryEmail' | 'primaryPhone'>): VerificationMethod[] {
    return availableStepUpMethods(user, this.reauthMaxAgeSeconds !== undefined);
  }

  /** Returns the verified record, or throws 403 verification.required listing the methods the user can use. */
  async require(userId: string, verificationId: string | undefined, user?: LogtoUser): Promise<VerificationRecord> {
    const record = await this.find(userId, verificationId);
    if (record?.status === 'verified') {
      const context = currentRequestContext();
      if (context) context.stepUpChecked = true;
      return record;
    }
    const account = user ?? (await this.logto.getUser(userId));
    throw new DomainError('verification.required', 'Verify it is you first, then send the verification id in the Verification-Id header.', {
      extensions: {
        methods: this.availableMethods(account),
        // How to re-authenticate: a sign-in at Logto with max_age (or prompt=login), whose ID token is then posted.
        ...(this.reauthMaxAgeSeconds === undefined ? {} : { reauthentication: { maxAge: this.reauthMaxAgeSeconds } }),
      },
    });
  }

  /** The user's own live record with this id, whatever its status; undefined for anything else. */
  async find(userId: string, verificationId: string | undefined): Promise<VerificationRecord | undefined> {
    if (!verificationId || !VERIFICATION_ID_PATTERN.test(verificationId)) return undefined;
    const [record, epoch] = await Promise.all([
      this.store.get<VerificationRecord>(verificationKey(verificationId)),
      this.store.get<string>(verificationEpochKey(userId)),
    ]);
    return isUsableRecord(record, userId, epoch, this.clock.now()) ? record : undefined;
  }

  /** The epoch a record created now carries. */
  currentEpoch(userId: string): Promise<string | undefined> {
    return this.store.get<string>(verificationEpochKey(userId));
  }

  /**
   * Revokes every verification record of the user, on every instance: after a password, email, phone or MFA
   * change, a sign-out everywhere, a suspension or a deletion, a record obtained with the old credentials (by
   * an attacker, say) must not authorize anything more. A record already checked by the request making the
   * change still finishes that request. The epoch key lives longer than any record can (pending for one
   * step-up lifetime, then verified for another), so once it expires no record older than it is left.
   */
  async revokeAll(userId: string): Promise<void> {
    await this.store.set(verificationEpochKey(userId), randomBytes(16).toString('base64url'), 2 * this.maxAgeMs + 60_000);
  }
}
