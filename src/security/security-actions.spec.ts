import type { SignInFacts } from '../account/sign-in-methods.js';
import { maskEmail, maskPhone } from './mask.js';
import { sensitiveActions, type SecurityFacts } from './security-actions.js';

const noSignIn: SignInFacts = { hasPassword: false, username: null, primaryEmail: null, primaryPhone: null, socialTargets: [], ssoConnectorIds: [] };
const facts = (overrides: Partial<Omit<SecurityFacts, 'signIn'>> & { signIn?: Partial<SignInFacts> }): SecurityFacts => ({
  stepUpMethods: ['password'],
  hasTotp: false,
  realFactorCount: 0,
  factorCount: 0,
  ...overrides,
  signIn: { ...noSignIn, ...overrides.signIn },
});

describe('sensitiveActions', () => {
  it('lets a social identity go when another way in remains, and not the last one', () => {
    const two = sensitiveActions(facts({ signIn: { socialTargets: ['github', 'google'] } }));
    expect(two.unlinkIdentity).toEqual({ requiresVerification: true, allowed: true });
    const withSso = sensitiveActions(facts({ signIn: { socialTargets: ['github'], ssoConnectorIds: ['okta'] } }));
    expect(withSso.unlinkIdentity.allowed).toBe(true);
    const alone = sensitiveActions(facts({ signIn: { socialTargets: ['github'] } }));
    expect(alone.unlinkIdentity).toEqual({ requiresVerification: true, allowed: false, reason: 'last_sign_in_method' });
  });

  it('does not count a password without an identifier to type as a way in', () => {
    const actions = sensitiveActions(facts({ signIn: { hasPassword: true, primaryEmail: 'a@example.com' } }));
    expect(actions.removeEmail.reason).toBe('last_sign_in_method');
    const withUsername = sensitiveActions(facts({ signIn: { hasPassword: true, username: 'a', primaryEmail: 'a@example.com' } }));
    expect(withUsername.removeEmail.allowed).toBe(true);
  });

  it('reports a blocking precondition before the missing verification method, as the routes answer', () => {
    const actions = sensitiveActions(facts({ stepUpMethods: [], hasTotp: true, factorCount: 1, realFactorCount: 1 }));
    expect(actions.addMfa.reason).toBe('already_enrolled');
    expect(actions.removeMfa.reason).toBe('no_verification_method');
    expect(actions.generateBackupCodes.reason).toBe('no_verification_method');
  });

  it('marks every action as needing Verification-Id', () => {
    for (const state of Object.values(sensitiveActions(facts({})))) expect(state.requiresVerification).toBe(true);
  });
});

describe('masking', () => {
  it.each([
    ['ada@example.com', 'a***@example.com'],
    ['x@y.z', 'x***@y.z'],
    ['odd"local@part"@example.com', 'o***@example.com'],
    ['no-at-sign', '***'],
  ])('masks the email %s as %s', (email, masked) => expect(maskEmail(email)).toBe(masked));

  it.each([
    ['15550109999', '*******9999'],
    ['4915112345678', '*********5678'],
    ['12345', '***45'],
  ])('masks the phone %s as %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});
