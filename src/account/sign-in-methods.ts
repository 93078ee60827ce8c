import type { LogtoUser } from '../logto/logto.types.js';

/**
 * The one definition of "a way to sign in" used by every last-sign-in-method check: a password (only when
 * the user also has an identifier to type: username, email or phone), the primary email, the primary phone,
 * each social identity and each SSO identity.
 */
export type SignInMethod = 'password' | 'email' | 'phone' | `social:${string}` | `sso:${string}`;

export interface SignInFacts {
  hasPassword: boolean;
  username: string | null;
  primaryEmail: string | null;
  primaryPhone: string | null;
  socialTargets: string[];
  ssoConnectorIds: string[];
}

export function signInFactsOf(user: LogtoUser): SignInFacts {
  return {
    hasPassword: user.hasPassword === true,
    username: user.username,
    primaryEmail: user.primaryEmail,
    primaryPhone: user.primaryPhone,
    socialTargets: Object.keys(user.identities ?? {}),
    ssoConnectorIds: (user.ssoIdentities ?? []).map((identity) => identity.ssoConnectorId),
  };
}

export function signInMethods(facts: SignInFacts): SignInMethod[] {
  const methods: SignInMethod[] = [];
  if (facts.hasPassword && (facts.username || facts.primaryEmail || facts.primaryPhone)) methods.push('password');
  if (facts.primaryEmail) methods.push('email');
  if (facts.primaryPhone) methods.push('phone');
  for (const target of facts.socialTargets) methods.push(`social:${target}`);
  for (const id of facts.ssoConnectorIds) methods.push(`sso:${id}`);
  return methods;
}

export type SignInChange =
  | { remove: 'email' }
  | { remove: 'phone' }
  | { remove: 'social'; target: string };

/** Whether the account would still have a way to sign in after the change. */
export function keepsASignInMethod(facts: SignInFacts, change: SignInChange): boolean {
  const after: SignInFacts = { ...facts };
  if (change.remove === 'email') after.primaryEmail = null;
  if (change.remove === 'phone') after.primaryPhone = null;
  if (change.remove === 'social') after.socialTargets = facts.socialTargets.filter((target) => target !== change.target);
  return signInMethods(after).length > 0;
}
