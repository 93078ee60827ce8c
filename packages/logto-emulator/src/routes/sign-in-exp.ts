/**
 * Sign-in experience: the password policy (04-sign-in-exp-*).
 *
 * `PATCH /api/sign-in-exp` stores the policy and returns the whole sign-in experience;
 * `POST /api/sign-in-exp/default/check-password` reports every violated rule as
 * `400 {result: false, issues: [{code, interpolation?}]}` or `200 {result: true}` — not the usual
 * Logto error shape. The checks below are written from the recorded behaviour and Logto's
 * documented policy options; the "pwned" check uses a small local list instead of HIBP.
 */
import type { LogtoPasswordCheck } from '@logto-account-service/logto-api-types';
import type { FastifyInstance } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';
import { assertNoIssues, bodyObject, invalidTypeIssue, isPlainObject, logtoError, type ZodIssue } from '../errors.js';
import type { EmulatorUser, JsonObject, PasswordPolicy } from '../state.js';

export type PasswordIssue = Extract<LogtoPasswordCheck, { result: false }>['issues'][number];

/** Stand-in for the Have I Been Pwned range query (no network in tests). */
const PWNED_PASSWORDS = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', 'qwerty123', 'iloveyou',
  'admin123', 'welcome1', 'letmein1', 'p@ssw0rd', 'passw0rd', 'Password1', 'Password123', 'Password123!',
]);

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm', '1234567890'];

/** Three or more identical characters in a row ("aaa"). */
function hasRepetition(password: string): boolean {
  return /(.)\1\1/u.test(password);
}

/** Three or more consecutive ascending/descending characters ("abc", "321") or keyboard runs ("qwe"); "abc" is rejected in 04-sign-in-exp-check-password-weak. */
function hasSequence(password: string): boolean {
  const lower = password.toLowerCase();
  for (let i = 0; i + 2 < lower.length; i += 1) {
    const a = lower.charCodeAt(i);
    const b = lower.charCodeAt(i + 1);
    const c = lower.charCodeAt(i + 2);
    const isAlnum = (code: number): boolean => (code >= 48 && code <= 57) || (code >= 97 && code <= 122);
    if (isAlnum(a) && isAlnum(b) && isAlnum(c) && ((b - a === 1 && c - b === 1) || (a - b === 1 && b - c === 1))) return true;
    const triple = lower.slice(i, i + 3);
    if (KEYBOARD_ROWS.some((row) => row.includes(triple) || [...row].reverse().join('').includes(triple))) return true;
  }
  return false;
}

function characterTypeCount(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((regex) => regex.test(password)).length;
}

/** Phrases describing the user: username, name parts, e-mail local part and address, phone. */
function userInfoPhrases(user: EmulatorUser): string[] {
  const phrases: string[] = [];
  if (user.username) phrases.push(user.username);
  if (user.name) phrases.push(user.name, ...user.name.split(/\s+/));
  if (user.primaryEmail) phrases.push(user.primaryEmail, user.primaryEmail.split('@')[0] ?? '');
  if (user.primaryPhone) phrases.push(user.primaryPhone);
  for (const key of ['givenName', 'familyName', 'nickname'] as const) {
    const value = user.profile[key];
    if (typeof value === 'string') phrases.push(value);
  }
  // Very short phrases would reject almost any password; Logto only rejects meaningful ones.
  return phrases.filter((phrase) => phrase.length >= 4).map((phrase) => phrase.toLowerCase());
}

/** Every violated rule, in the order Logto lists them (04-sign-in-exp-check-password-weak / -user-info). */
export function checkPassword(policy: PasswordPolicy, password: string, user?: EmulatorUser): PasswordIssue[] {
  const issues: PasswordIssue[] = [];
  if (password.length < policy.length.min) issues.push({ code: 'password_rejected.too_short', interpolation: { min: policy.length.min } });
  if (password.length > policy.length.max) issues.push({ code: 'password_rejected.too_long', interpolation: { max: policy.length.max } });
  if (characterTypeCount(password) < policy.characterTypes.min) {
    issues.push({ code: 'password_rejected.character_types', interpolation: { min: policy.characterTypes.min } });
  }
  if (policy.rejects.pwned && PWNED_PASSWORDS.has(password)) issues.push({ code: 'password_rejected.pwned' });
  if (policy.rejects.repetitionAndSequence) {
    if (hasRepetition(password)) issues.push({ code: 'password_rejected.restricted.repetition' });
    if (hasSequence(password)) issues.push({ code: 'password_rejected.restricted.sequence' });
  }
  const lower = password.toLowerCase();
  if (policy.rejects.userInfo && user && userInfoPhrases(user).some((phrase) => lower.includes(phrase))) {
    issues.push({ code: 'password_rejected.restricted.user_info' });
  }
  if (policy.rejects.words.some((word) => word !== '' && lower.includes(word.toLowerCase()))) {
    issues.push({ code: 'password_rejected.restricted.words' });
  }
  return issues;
}

/** The rest of the recorded sign-in experience (04-sign-in-exp-patch-password-policy); only the policy is modelled. */
function signInExperienceBody(tenantId: string, policy: PasswordPolicy): JsonObject {
  return {
    tenantId,
    id: 'default',
    color: { primaryColor: '#6139F6', isDarkModeEnabled: false, darkPrimaryColor: '#8768F8' },
    branding: { logoUrl: 'https://logto.io/logo.svg', darkLogoUrl: 'https://logto.io/logo-dark.svg' },
    hideLogtoBranding: false,
    languageInfo: { autoDetect: true, fallbackLanguage: 'en' },
    termsOfUseUrl: null,
    privacyPolicyUrl: null,
    agreeToTermsPolicy: 'Automatic',
    signIn: { methods: [{ identifier: 'username', password: true, verificationCode: false, isPasswordPrimary: true }] },
    signUp: { identifiers: ['username'], password: true, verify: false },
    socialSignIn: {},
    socialSignInConnectorTargets: [],
    signInMode: 'SignInAndRegister',
    customCss: null,
    customContent: {},
    customUiAssets: null,
    customUiCsp: {},
    passwordPolicy: structuredClone(policy) as unknown as JsonObject,
    mfa: { factors: [], policy: 'UserControlled' },
    adaptiveMfa: {},
    singleSignOnEnabled: false,
    supportEmail: null,
    supportWebsiteUrl: null,
    unknownSessionRedirectUrl: null,
    captchaPolicy: {},
    sentinelPolicy: {},
    emailBlocklistPolicy: {},
    verificationCodePolicy: {},
    forgotPasswordMethods: [],
    passkeySignIn: {},
    signUpProfileFields: null,
    passwordExpiration: {},
    usernamePolicy: {
      caseSensitive: true,
      minLength: 1,
      maxLength: 128,
      allowedChars: { lowercase: true, uppercase: true, numbers: true, underscore: true },
    },
  };
}

function parsePolicy(value: unknown, current: PasswordPolicy): PasswordPolicy {
  const issues: ZodIssue[] = [];
  const next = structuredClone(current);
  if (!isPlainObject(value)) {
    assertNoIssues([invalidTypeIssue(['passwordPolicy'], 'object', value)]);
    return next;
  }
  const numberField = (section: 'length' | 'characterTypes', key: 'min' | 'max'): void => {
    const sectionValue = value[section];
    if (sectionValue === undefined) return;
    if (!isPlainObject(sectionValue)) {
      issues.push(invalidTypeIssue(['passwordPolicy', section], 'object', sectionValue));
      return;
    }
    const field = sectionValue[key];
    if (field === undefined) return;
    if (typeof field !== 'number') issues.push(invalidTypeIssue(['passwordPolicy', section, key], 'number', field));
    else (next[section] as Record<string, number>)[key] = field;
  };
  numberField('length', 'min');
  numberField('length', 'max');
  numberField('characterTypes', 'min');
  const rejects = value.rejects;
  if (rejects !== undefined) {
    if (!isPlainObject(rejects)) issues.push(invalidTypeIssue(['passwordPolicy', 'rejects'], 'object', rejects));
    else {
      for (const key of ['pwned', 'repetitionAndSequence', 'userInfo'] as const) {
        const field = rejects[key];
        if (field === undefined) continue;
        if (typeof field !== 'boolean') issues.push(invalidTypeIssue(['passwordPolicy', 'rejects', key], 'boolean', field));
        else next.rejects[key] = field;
      }
      if (rejects.words !== undefined) {
        if (!Array.isArray(rejects.words) || rejects.words.some((word) => typeof word !== 'string')) {
          issues.push(invalidTypeIssue(['passwordPolicy', 'rejects', 'words'], 'array', rejects.words));
        } else next.rejects.words = [...(rejects.words as string[])];
      }
    }
  }
  assertNoIssues(issues);
  return next;
}

export async function signInExperienceRoutes(app: FastifyInstance, options: EmulatorPluginOptions): Promise<void> {
  const { state } = options.ctx;

  app.get('/api/sign-in-exp', async () => signInExperienceBody(state.tenantId, state.passwordPolicy));

  app.patch('/api/sign-in-exp', async (request) => {
    const body = bodyObject(request.body);
    if (body.passwordPolicy !== undefined) state.passwordPolicy = parsePolicy(body.passwordPolicy, state.passwordPolicy);
    return signInExperienceBody(state.tenantId, state.passwordPolicy);
  });

  app.post('/api/sign-in-exp/default/check-password', async (request, reply) => {
    const body = bodyObject(request.body);
    const issues: ZodIssue[] = [];
    if (typeof body.password !== 'string') issues.push(invalidTypeIssue(['password'], 'string', body.password));
    if (body.userId !== undefined && typeof body.userId !== 'string') issues.push(invalidTypeIssue(['userId'], 'string', body.userId));
    assertNoIssues(issues);
    const policy = state.passwordPolicy;
    let user: EmulatorUser | undefined;
    if (policy.rejects.userInfo) {
      // 04-sign-in-exp-check-password-without-user-id: the user-info rule needs a user.
      const userId = body.userId as string | undefined;
      user = userId === undefined ? undefined : state.users.get(userId);
      if (!user) {
        throw logtoError(400, 'request.invalid_input', 'Input is invalid. {{details}}', {
          message: 'User information data is required to check user information.',
        });
      }
    }
    const result = checkPassword(policy, body.password as string, user);
    if (result.length === 0) return { result: true };
    return reply.code(400).send({ result: false, issues: result });
  });
}
