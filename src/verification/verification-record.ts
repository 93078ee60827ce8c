/** A step-up verification: proof that the person holding the account acted within the last few minutes. */
export type VerificationMethod = 'password' | 'email' | 'phone' | 'reauthentication';

export interface VerificationRecord {
  /** ≥ 128 random bits, base64url. */
  id: string;
  userId: string;
  method: VerificationMethod;
  status: 'pending' | 'verified';
  createdAt: number;
  expiresAt: number;
  /** Wrong codes entered for this record; at the limit the record is burned. */
  failedAttempts: number;
  /** The email address or phone number a code was sent to (code records only). */
  target?: string;
  /** The user's revocation epoch when the record was created; a record of an older epoch is revoked. */
  epoch?: string;
}

export const verificationKey = (id: string) => `verification:${id}`;
/** Per-user revocation epoch: a random value replaced at every revocation (see StepUpService.revokeAll). */
export const verificationEpochKey = (userId: string) => `verification-epoch:${userId}`;

/** Record ids are base64url of 32 random bytes; anything else is not worth a store lookup. */
export const VERIFICATION_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;
