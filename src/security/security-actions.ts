import { keepsASignInMethod, type SignInFacts } from '../account/sign-in-methods.js';
import type { VerificationMethod } from '../verification/verification-record.js';

export type SensitiveAction =
  | 'changeEmail'
  | 'removeEmail'
  | 'changePhone'
  | 'removePhone'
  | 'changePassword'
  | 'linkIdentity'
  | 'unlinkIdentity'
  | 'addMfa'
  | 'generateBackupCodes'
  | 'removeMfa'
  | 'deleteAccount';

/** Why an action is not possible right now; absent when it is. */
export type ActionBlocker =
  /** The action needs a step-up verification and the account has no password, email or phone to verify with. */
  | 'no_verification_method'
  /** The account would be left with no way to sign in (see src/account/sign-in-methods.ts). */
  | 'last_sign_in_method'
  /** There is nothing to remove. */
  | 'nothing_to_remove'
  /** The account already has an authenticator app, the only factor this service can add. */
  | 'already_enrolled'
  /** Backup codes need another MFA factor first. */
  | 'needs_another_factor';

export interface ActionState {
  requiresVerification: boolean;
  allowed: boolean;
  reason?: ActionBlocker;
}

export interface SecurityFacts {
  signIn: SignInFacts;
  stepUpMethods: VerificationMethod[];
  hasTotp: boolean;
  /** MFA factors other than backup codes (TOTP, passkeys, …). */
  realFactorCount: number;
  /** Every MFA verification, backup code set included. */
  factorCount: number;
}

/**
 * Whether each sensitive action needs `Verification-Id` and whether it can succeed right now. Every one of
 * them is a step-up route (issue #5: email, phone, password; #6: identities; #7: MFA; #8: deletion), so an
 * account with no way to verify cannot do any of them; the other blockers mirror the routes' own 409s, in the
 * same order the routes check them.
 */
export function sensitiveActions(facts: SecurityFacts): Record<SensitiveAction, ActionState> {
  const canVerify = facts.stepUpMethods.length > 0;
  const state = (blocker?: ActionBlocker | false): ActionState => {
    const reason = blocker || (canVerify ? undefined : 'no_verification_method');
    return reason ? { requiresVerification: true, allowed: false, reason } : { requiresVerification: true, allowed: true };
  };
  const { signIn } = facts;
  const removable = (present: boolean, keeps: () => boolean): ActionBlocker | false =>
    !present ? 'nothing_to_remove' : !keeps() && 'last_sign_in_method';

  return {
    changeEmail: state(),
    removeEmail: state(removable(signIn.primaryEmail !== null, () => keepsASignInMethod(signIn, { remove: 'email' }))),
    changePhone: state(),
    removePhone: state(removable(signIn.primaryPhone !== null, () => keepsASignInMethod(signIn, { remove: 'phone' }))),
    changePassword: state(),
    linkIdentity: state(),
    unlinkIdentity: state(
      removable(signIn.socialTargets.length > 0, () =>
        signIn.socialTargets.some((target) => keepsASignInMethod(signIn, { remove: 'social', target })),
      ),
    ),
    addMfa: state(facts.hasTotp && 'already_enrolled'),
    generateBackupCodes: state(facts.realFactorCount === 0 && 'needs_another_factor'),
    removeMfa: state(facts.factorCount === 0 && 'nothing_to_remove'),
    deleteAccount: state(),
  };
}
