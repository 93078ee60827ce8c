import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { keepsASignInMethod, signInFactsOf } from '../account/sign-in-methods.js';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoUser } from '../logto/logto.types.js';
import { ProfileService } from '../profile/profile.service.js';
import type { AccountDto } from '../profile/dto/account.dto.js';
import { SharedStore } from '../store/shared-store.js';
import { UserLockService } from '../store/user-lock.service.js';
import { CodeDeliveryService } from '../verification/code-delivery.service.js';
import { StepUpService } from '../verification/step-up.service.js';
import { WrongCodeLimiter } from '../verification/wrong-code-limiter.service.js';
import { CONTACT_CHANNELS, type ContactChannel, type ContactChannelRules } from './contact-channels.js';

/** As long as a Logto verification code lives (10 minutes). */
const PROOF_TTL_MS = 10 * 60_000;

/**
 * "This user proved they receive codes at this address" after Logto consumed the code: only a salted hash of
 * the code is kept, never the code.
 */
interface ContactProof {
  address: string;
  salt: string;
  codeHash: string;
}

/**
 * Email and phone, one implementation parameterized by channel (contact-channels.ts): a code to a new address,
 * the change (step-up + that code), the removal (step-up, never the last way to sign in).
 */
@Injectable()
export class ContactService {
  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly codes: CodeDeliveryService,
    private readonly stepUp: StepUpService,
    private readonly locks: UserLockService,
    private readonly store: SharedStore,
    private readonly audit: AuditService,
    private readonly profile: ProfileService,
    private readonly wrongCodes: WrongCodeLimiter,
  ) {}

  /**
   * Step-up first, then the send limits, then the in-use check: whether another account holds an address is
   * told only to a user who proved it is them, and no more often than a code could be sent (an in-use answer
   * counts as a send). Checked before sending: no code goes to an address that could not be set anyway.
   */
  async sendCode(userId: string, channel: ContactChannel, input: string, verificationId: string | undefined): Promise<void> {
    const rules = CONTACT_CHANNELS[channel];
    const address = rules.normalize(input);
    await this.stepUp.require(userId, verificationId);
    // A code that could not be entered would only fill the inbox.
    await this.wrongCodes.assertNotLocked(userId);
    await this.codes.send(userId, channel, rules.target(address), () => this.usedByAnotherAccount(userId, rules, address));
  }

  /**
   * Step-up first, then the code, then the in-use check: verifying the code consumes it in Logto, so a missing
   * step-up must not waste it, and the in-use answer is given only for an address the caller received a code
   * at (sending that code was itself behind step-up and the send limits). Wrong codes count towards the
   * per-user cap shared with the step-up code routes (WrongCodeLimiter).
   *
   * The whole change runs under the per-user lock: two changes at once are serialized, and the second then
   * meets the first's revocation of every verification record (403 verification.required), so it cannot
   * silently overwrite an address it never saw.
   *
   * Half-applied change: when Logto accepted the code but then failed to set the address (timeout, 5xx), the
   * code is already consumed in Logto (a second verify answers verification_code.not_found). The error is
   * reported as it is (502/503/504) and the request is retryable as is: a proof that this user verified this
   * address with this code is kept for the code's lifetime, and a retry with the same address and code uses it
   * instead of asking Logto again. The proof is dropped once the address is set.
   */
  async change(userId: string, channel: ContactChannel, input: string, code: string, verificationId: string | undefined): Promise<AccountDto> {
    const rules = CONTACT_CHANNELS[channel];
    const address = rules.normalize(input);
    return this.locks.withUserLock(userId, async () => {
      await this.stepUp.require(userId, verificationId);
      await this.confirmCode(userId, rules, address, code);
      const inUse = await this.usedByAnotherAccount(userId, rules, address);
      if (inUse) throw inUse;
      // Taken meanwhile: Logto's 422 user.*_already_in_use becomes our 409 in the gateway.
      const updated = await this.logto.updateUser(userId, { [rules.field]: address });
      await this.store.delete(proofKey(rules, userId));
      // A record obtained before the change (by whoever held the old address) must not authorize more.
      await this.stepUp.revokeAll(userId);
      await this.audit.record(rules.changed, userId);
      return this.toAccount(updated);
    });
  }

  async remove(userId: string, channel: ContactChannel, verificationId: string | undefined): Promise<void> {
    const rules = CONTACT_CHANNELS[channel];
    // Under the per-user lock: two removals in parallel (email and phone) must not both pass the
    // last-sign-in-method check and leave the account with no way in.
    await this.locks.withUserLock(userId, async () => {
      const user = await this.logto.getUser(userId);
      // Nothing to remove: DELETE is idempotent, and there is nothing to verify for.
      if (!user[rules.field]) return;
      // Before the step-up check: nobody should verify for a change that cannot succeed.
      if (!keepsASignInMethod(signInFactsOf(user), { remove: channel })) {
        throw new DomainError('account.last_sign_in_method', `Add another way to sign in before removing this ${channel === 'email' ? 'email address' : 'phone number'}.`);
      }
      await this.stepUp.require(userId, verificationId, user);
      await this.logto.updateUser(userId, { [rules.field]: null });
      await this.stepUp.revokeAll(userId);
      await this.audit.record(rules.removed, userId);
    });
  }

  private async usedByAnotherAccount(userId: string, rules: ContactChannelRules, address: string): Promise<DomainError | undefined> {
    const holders = await this.logto.findUsersByContact(rules.target(address));
    return holders.some((holder) => holder.id !== userId) ? new DomainError(rules.inUse, rules.inUseDetail) : undefined;
  }

  private async confirmCode(userId: string, rules: ContactChannelRules, address: string, code: string): Promise<void> {
    const key = proofKey(rules, userId);
    const proof = await this.store.get<ContactProof>(key);
    if (proof && proof.address === address && sameHash(hashCode(proof.salt, code), proof.codeHash)) return;

    await this.wrongCodes.assertNotLocked(userId);
    try {
      await this.logto.verifyVerificationCode(rules.target(address), code);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'verification_code.invalid') await this.wrongCodes.recordWrongCode(userId, rules.channel);
      throw error;
    }
    const salt = randomBytes(16).toString('base64url');
    await this.store.set<ContactProof>(key, { address, salt, codeHash: hashCode(salt, code) }, PROOF_TTL_MS);
  }

  private toAccount(user: LogtoUser): AccountDto {
    return this.profile.accountOf(user);
  }
}

const proofKey = (rules: ContactChannelRules, userId: string) => `contact-proof:${rules.channel}:${userId}`;

function hashCode(salt: string, code: string): string {
  return createHash('sha256').update(`${salt}:${code}`).digest('base64url');
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
