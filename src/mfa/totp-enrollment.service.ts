import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { AuditService } from '../audit/audit.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { AllConfig } from '../config/app-config.js';
import { LogtoManagementGateway } from '../logto/logto-management.gateway.js';
import type { LogtoMfaVerification, LogtoUser } from '../logto/logto.types.js';
import { SharedStore } from '../store/shared-store.js';
import { UserLockService } from '../store/user-lock.service.js';
import { StepUpService } from '../verification/step-up.service.js';
import type { ConfirmTotpDto } from './dto/confirm-totp.dto.js';
import type { MfaFactorDto } from './dto/mfa-factor.dto.js';
import type { TotpEnrollmentDto } from './dto/totp-enrollment.dto.js';
import { mapMfaFactor } from './mfa-factors.js';

/** How long a started enrollment waits for its first code. */
export const TOTP_ENROLLMENT_TTL_MS = 10 * 60 * 1000;
/** Wrong codes an enrollment survives; the last one burns it. */
export const TOTP_ENROLLMENT_MAX_ATTEMPTS = 5;
/** RFC 6238 defaults every authenticator app supports: SHA-1, 6 digits, 30 s. */
const TOTP_PERIOD_SECONDS = 30;

interface PendingEnrollment {
  userId: string;
  /** Base32; lives only here and in the enrollment response until it is bound in Logto. */
  secret: string;
  expiresAt: number;
}

const enrollmentKey = (id: string) => `mfa:totp-enrollment:${id}`;
const failuresKey = (id: string) => `mfa:totp-enrollment:${id}:failures`;
/** One pending enrollment per user: starting again replaces it, so at most one unproven secret is in flight. */
const currentEnrollmentKey = (userId: string) => `mfa:totp-enrollment-of:${userId}`;

const isTotp = (verification: LogtoMfaVerification) => verification.type === 'Totp';

/**
 * Authenticator-app enrollment with proof. Logto's `POST /users/{id}/mfa-verifications {type: "Totp"}`
 * binds whatever secret it is given (07-mfa-create-totp-given-secret) without asking for a code, so an
 * app that never scanned it would lock the user out at the next sign-in. Here the service generates the
 * secret, keeps it pending in the shared store, and binds it only after the user typed a code it produces.
 */
@Injectable()
export class TotpEnrollmentService {
  private readonly issuer: string;

  constructor(
    private readonly logto: LogtoManagementGateway,
    private readonly store: SharedStore,
    private readonly clock: Clock,
    private readonly stepUp: StepUpService,
    private readonly locks: UserLockService,
    private readonly audit: AuditService,
    config: ConfigService<AllConfig, true>,
  ) {
    this.issuer = config.get('account', { infer: true }).totpIssuer;
  }

  async start(userId: string): Promise<TotpEnrollmentDto> {
    const [user, factors] = await Promise.all([this.logto.getUser(userId), this.logto.listMfaVerifications(userId)]);
    // Logto allows one TOTP factor per user (422 user.totp_already_in_use): say so before the user scans anything.
    if (factors.some(isTotp)) throw alreadyEnrolled();

    // 20 random bytes, 32 base32 characters: the size Logto generates itself (07-mfa-create-totp-generated).
    const secret = generateSecret();
    const otpauthUri = generateURI({ issuer: this.issuer, label: accountLabel(user), secret, period: TOTP_PERIOD_SECONDS });
    const qrCode = await QRCode.toDataURL(otpauthUri);
    const enrollmentId = randomBytes(32).toString('base64url');
    const expiresAt = this.clock.now() + TOTP_ENROLLMENT_TTL_MS;

    const previous = await this.store.get<string>(currentEnrollmentKey(userId));
    if (previous) await this.discard(previous);
    await this.store.set<PendingEnrollment>(enrollmentKey(enrollmentId), { userId, secret, expiresAt }, TOTP_ENROLLMENT_TTL_MS);
    await this.store.set(currentEnrollmentKey(userId), enrollmentId, TOTP_ENROLLMENT_TTL_MS);

    return { enrollmentId, secret, otpauthUri, qrCode, expiresAt: new Date(expiresAt).toISOString() };
  }

  async confirm(userId: string, verificationId: string | undefined, dto: ConfirmTotpDto): Promise<MfaFactorDto> {
    const enrollment = await this.findEnrollment(userId, dto.enrollmentId);
    if ((await this.logto.listMfaVerifications(userId)).some(isTotp)) throw alreadyEnrolled();
    await this.stepUp.require(userId, verificationId);

    if (!(await this.codeMatches(enrollment.secret, dto.code))) await this.countFailure(dto.enrollmentId, enrollment);

    const bound = await this.locks.withUserLock(userId, async () => {
      await this.logto.createTotpVerification(userId, enrollment.secret);
      // The enrollment is single-use: once the secret is bound, the same code cannot bind anything again.
      await this.discard(dto.enrollmentId);
      // Logto's create answer carries the secret but not the factor id; the list has the id and no secret.
      return (await this.logto.listMfaVerifications(userId)).find(isTotp);
    });
    // The factor is bound (even if Logto does not list it): no record obtained before may authorize more.
    await this.stepUp.revokeAll(userId);
    if (!bound) throw new DomainError('upstream.bad_response', 'Logto accepted the authenticator app but does not list it.');
    await this.audit.record('mfa.added', userId, { type: 'totp' });
    return mapMfaFactor(bound);
  }

  /** Unknown, expired, burned and other users' enrollments all look the same: gone. */
  private async findEnrollment(userId: string, enrollmentId: string): Promise<PendingEnrollment> {
    const enrollment = await this.store.get<PendingEnrollment>(enrollmentKey(enrollmentId));
    if (!enrollment || enrollment.userId !== userId || enrollment.expiresAt <= this.clock.now()) {
      throw new DomainError('mfa.enrollment_expired', 'This enrollment is unknown, expired or used up. Start a new one.');
    }
    return enrollment;
  }

  /** The code of the current 30-second step, or of the one before or after (clock drift of the phone). */
  private async codeMatches(secret: string, code: string): Promise<boolean> {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(this.clock.now() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_PERIOD_SECONDS,
    });
    return result.valid;
  }

  private async countFailure(enrollmentId: string, enrollment: PendingEnrollment): Promise<never> {
    // An atomic counter, so parallel guesses cannot share one try.
    const remainingMs = Math.max(1, enrollment.expiresAt - this.clock.now());
    const { count } = await this.store.increment(failuresKey(enrollmentId), remainingMs);
    const remainingAttempts = Math.max(0, TOTP_ENROLLMENT_MAX_ATTEMPTS - count);
    if (remainingAttempts === 0) {
      await this.discard(enrollmentId);
      throw new DomainError('mfa.invalid_code', 'The code is wrong, and that was the last try: start a new enrollment.', {
        extensions: { remainingAttempts },
      });
    }
    throw new DomainError('mfa.invalid_code', 'The code is wrong. Enter the code the app shows now.', { extensions: { remainingAttempts } });
  }

  private async discard(enrollmentId: string): Promise<void> {
    const enrollment = await this.store.get<PendingEnrollment>(enrollmentKey(enrollmentId));
    await this.store.delete(enrollmentKey(enrollmentId));
    await this.store.delete(failuresKey(enrollmentId));
    if (enrollment) await this.store.deleteIfEquals(currentEnrollmentKey(enrollment.userId), enrollmentId);
  }
}

function alreadyEnrolled(): DomainError {
  return new DomainError('mfa.already_enrolled', 'The account already has an authenticator app. Remove it first to enroll another one.');
}

/** What the authenticator app shows under the issuer: the identifier the user signs in with. */
function accountLabel(user: LogtoUser): string {
  return user.primaryEmail ?? user.username ?? user.primaryPhone ?? user.id;
}
