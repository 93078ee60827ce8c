import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoUser } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import { VERIFICATION_ID_PATTERN, verificationKey, type VerificationMethod, type VerificationRecord } from './verification-record.js';

/**
 * The check every sensitive route makes: the `Verification-Id` header names a verified, unexpired record
 * of this same user. Services call `require` after their own precondition checks (e.g. the last sign-in
 * method), so nobody is asked to verify for an action that cannot succeed.
 */
@Injectable()
export class StepUpService {
  constructor(
    private readonly store: SharedStore,
    private readonly clock: Clock,
    private readonly logto: LogtoManagementGateway,
  ) {}

  /** The step-up methods this user can use right now. */
  availableMethods(user: Pick<LogtoUser, 'hasPassword' | 'primaryEmail' | 'primaryPhone'>): VerificationMethod[] {
    const methods: VerificationMethod[] = [];
    if (user.hasPassword) methods.push('password');
    if (user.primaryEmail) methods.push('email');
    if (user.primaryPhone) methods.push('phone');
    return methods;
  }

  /** Returns the verified record, or throws 403 verification.required listing the methods the user can use. */
  async require(userId: string, verificationId: string | undefined, user?: LogtoUser): Promise<VerificationRecord> {
    const record = await this.find(userId, verificationId);
    if (record?.status === 'verified') return record;
    const account = user ?? (await this.logto.getUser(userId));
    throw new DomainError('verification.required', 'Verify it is you first, then send the verification id in the Verification-Id header.', {
      extensions: { methods: this.availableMethods(account) },
    });
  }

  /** The user's own live record with this id, whatever its status; undefined for anything else. */
  async find(userId: string, verificationId: string | undefined): Promise<VerificationRecord | undefined> {
    if (!verificationId || !VERIFICATION_ID_PATTERN.test(verificationId)) return undefined;
    const record = await this.store.get<VerificationRecord>(verificationKey(verificationId));
    // Another user's record is treated exactly like a missing one: ids are not a way to probe accounts.
    if (!record || record.userId !== userId || record.expiresAt <= this.clock.now()) return undefined;
    return record;
  }
}
