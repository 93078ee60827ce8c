/**
 * Contract cases for groups 01 (OIDC), 02 (/api auth), 03 (users), 04 (passwords, sign-in
 * experience), 05 (verification codes), 10 (logs), 11 (user list pagination).
 *
 * Each setup recreates, in a fresh emulator, the state the recorder had when it sent the request,
 * and binds the file's placeholders. `verify` adds value checks where the recording documents a
 * behaviour (merge semantics, rate limits, policy issues), beyond the generic shape comparison.
 */
import { createHash, randomBytes } from 'node:crypto';
import { generateId, type JsonObject, type JsonValue, type LogEntry, type PasswordPolicy, type UserInput } from '@logto-account-service/logto-emulator';
import { basicAuth, fetchM2MToken } from './runner.js';
import { substitute } from './shape.js';
import type { CaseBindings, CaseContext, CaseRegistry, ContractCase } from './types.js';

// ---------------------------------------------------------------------------------------------
// Fixtures (values from the recordings)

type SeedInput = Partial<UserInput> & { password?: string };

const ALICE: SeedInput = {
  username: 'rec_alice',
  primaryEmail: 'rec.alice@example.test',
  primaryPhone: '15550100001',
  name: 'Alice Recorder',
  password: 'Alice-Pass-2468!',
};
const BOB: SeedInput = {
  username: 'rec_bob',
  primaryEmail: 'rec.bob@example.test',
  primaryPhone: '15550100002',
  name: 'Bob Recorder',
  password: 'Bob-Pass-1357!',
};
const PW_USER: SeedInput = { username: 'rec_pw', name: 'Password Recorder', password: 'Pw-User-Right-9753!' };
const SPA_APP_ID = 'recspaapp001';
const ACCOUNT_RESOURCE = 'https://account.example.test';

/** 04-sign-in-exp-patch-password-policy */
const STRICT_POLICY: PasswordPolicy = {
  length: { min: 12, max: 256 },
  characterTypes: { min: 3 },
  rejects: { pwned: false, repetitionAndSequence: true, userInfo: true, words: ['recorder'] },
};

// ---------------------------------------------------------------------------------------------
// Helpers

/** Seeds the user object of the recorded response (its post-request state) as the path user. */
function seedUserFromResponse(c: CaseContext, extra: SeedInput = {}): string {
  const body = c.exchange.response.body as Record<string, JsonValue>;
  const user = c.emu.seedUser({
    username: body.username as string | null,
    primaryEmail: body.primaryEmail as string | null,
    primaryPhone: body.primaryPhone as string | null,
    name: body.name as string | null,
    avatar: body.avatar as string | null,
    customData: body.customData as JsonObject,
    profile: body.profile as JsonObject,
    isSuspended: body.isSuspended as boolean,
    ...(body.hasPassword === true ? { password: 'Seeded-Pass-1!' } : {}),
    ...extra,
  });
  return user.id;
}

const userCase = (input: SeedInput = ALICE, more?: (c: CaseContext, userId: string) => Promise<void> | void): ContractCase => ({
  setup: async (c) => {
    const user = c.emu.seedUser(input);
    await more?.(c, user.id);
    return { placeholders: { userId: user.id } };
  },
});

const responseUserCase = (extra: SeedInput = {}, withBob = false): ContractCase => ({
  setup: (c) => {
    if (withBob) c.emu.seedUser(BOB);
    return { placeholders: { userId: seedUserFromResponse(c, extra) } };
  },
});

const aliceAndBob: ContractCase = userCase(ALICE, (c) => {
  c.emu.seedUser(BOB);
});

/** A path user id that does not exist (the recorder used a deleted user). */
const absentUser: ContractCase = { setup: () => ({ placeholders: { userId: generateId() } }) };

const none: ContractCase = {};

async function api(c: CaseContext, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${c.emu.endpoint}${path}`, {
    method,
    headers: { authorization: `Bearer ${await c.m2mToken()}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function sendCode(c: CaseContext, body: Record<string, string>, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await api(c, 'POST', '/api/verification-codes', body);
}

async function wrongVerify(c: CaseContext, body: Record<string, string>, times: number): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    const response = await api(c, 'POST', '/api/verification-codes/verify', { ...body, verificationCode: '000000' });
    if (response.status !== 400) throw new Error(`wrong code accepted: ${response.status}`);
  }
}

function codeFor(c: CaseContext, to: string): string {
  const code = c.emu.lastCode(to);
  if (code === undefined) throw new Error(`no code sent to ${to}`);
  return code;
}

/** Sends a code that is not the literal wrong code `000000` the recording uses. */
async function sendNonZeroCode(c: CaseContext, body: Record<string, string>, to: string): Promise<void> {
  do await sendCode(c, body);
  while (codeFor(c, to) === '000000');
}

/** Binds every `{placeholder}` found in `value` that is not bound yet to a fresh id. */
function autoBind(value: unknown, placeholders: Record<string, string>): void {
  const visit = (item: unknown): void => {
    if (typeof item === 'string') {
      for (const match of item.matchAll(/\{([A-Za-z][A-Za-z0-9]*)\}/g)) {
        const name = match[1] as string;
        placeholders[name] ??= generateId(name.startsWith('logId') ? 21 : 12);
      }
    } else if (Array.isArray(item)) item.forEach(visit);
    else if (item !== null && typeof item === 'object') {
      for (const [key, nested] of Object.entries(item)) {
        visit(key);
        visit(nested);
      }
    }
  };
  visit(value);
}

function resolvePlaceholders<T>(value: T, placeholders: Record<string, string>): T {
  return JSON.parse(substitute(JSON.stringify(value), placeholders)) as T;
}

/** Logs are written by sign-ins the emulator does not model: seed the recorded entries themselves. */
function seedRecordedLogs(c: CaseContext, placeholders: Record<string, string>, entries = c.exchange.response.body as LogEntry[]): void {
  autoBind(entries, placeholders);
  // Recorded newest first; insert oldest first, as Logto wrote them (ties keep their order).
  for (const entry of resolvePlaceholders(entries, placeholders).reverse()) {
    c.emu.state.addLog({ id: entry.id, key: entry.key, payload: entry.payload, createdAt: entry.createdAt });
  }
}

const recordedLogsCase: ContractCase = {
  setup: (c) => {
    const placeholders: Record<string, string> = { spaAppId: SPA_APP_ID };
    autoBind(c.exchange.request, placeholders);
    seedRecordedLogs(c, placeholders);
    return { placeholders };
  },
};

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/** Re-signs nothing: swaps the payload of a real token so the signature no longer matches. */
function tamper(token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  claims.sub = 'someone-else';
  return `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

// ---------------------------------------------------------------------------------------------
// Cases

const oidcCases: CaseRegistry = {
  '01-oidc-discovery': {
    verify: (c, r) => {
      const body = r.body as Record<string, unknown>;
      expectEqual(body.issuer, c.emu.issuer, 'issuer');
      expectEqual(body.jwks_uri, `${c.emu.issuer}/jwks`, 'jwks_uri');
      expectEqual(body.token_endpoint, `${c.emu.issuer}/token`, 'token_endpoint');
    },
  },
  '01-oidc-jwks': {
    verify: (c, r) => {
      const [key] = (r.body as { keys: Array<Record<string, unknown>> }).keys;
      expectEqual([key?.kty, key?.crv, key?.alg, key?.use, key?.kid], ['EC', 'P-384', 'ES384', 'sig', c.emu.currentSigningKey().kid], 'key');
    },
  },
  '01-oidc-token-authorization-code-success': {
    setup: (c) => {
      const user = c.emu.seedUser({ username: 'rec_sess', primaryEmail: 'rec.sess@example.test', name: 'Session Recorder' });
      const { verifier, challenge } = pkcePair();
      const code = c.emu.issueAuthorizationCode({
        userId: user.id,
        clientId: SPA_APP_ID,
        redirectUri: 'http://127.0.0.1:3999/callback',
        resource: ACCOUNT_RESOURCE,
        scopes: ['account:write', 'account:read'],
        codeChallenge: challenge,
      });
      return { placeholders: { spaAppId: SPA_APP_ID }, redacted: { 'authorization-code': code, 'pkce-code-verifier': verifier } };
    },
  },
  '01-oidc-token-client-credentials-no-resource': none,
  '01-oidc-token-client-credentials-no-scope': none,
  '01-oidc-token-client-credentials-post-auth-success': none,
  '01-oidc-token-client-credentials-success': none,
  '01-oidc-token-client-credentials-unknown-client': {
    setup: () => ({ authorization: basicAuth('unknown-client-id', 'secret') }),
  },
  '01-oidc-token-client-credentials-unknown-resource': none,
  '01-oidc-token-client-credentials-unknown-scope': {
    verify: (_c, r) => expectEqual((r.body as { scope?: string }).scope, 'all', 'granted scope'),
  },
  '01-oidc-token-client-credentials-wrong-secret': {
    setup: (c) => ({ authorization: basicAuth(c.emu.m2mAppId, 'wrong-secret') }),
    verify: (c, r) =>
      expectEqual(
        r.headers['www-authenticate'],
        `Basic realm="${c.emu.issuer}", error="invalid_client", error_description="client authentication failed"`,
        'www-authenticate',
      ),
  },
  '01-oidc-token-missing-grant-type': none,
  '01-oidc-token-unsupported-grant-type': none,
};

const authCases: CaseRegistry = {
  '02-auth-basic-scheme': userCase(),
  '02-auth-bearer-empty': userCase(),
  '02-auth-garbage-token': userCase(),
  '02-auth-no-token': userCase(),
};
// The remaining 02 cases send a token the case has to make.
authCases['02-auth-expired-token'] = {
  setup: async (c) => {
    const user = c.emu.seedUser(ALICE);
    const now = Math.floor(Date.now() / 1000);
    const token = await c.emu.mintUserToken({
      sub: c.emu.m2mAppId,
      clientId: c.emu.m2mAppId,
      audience: c.emu.managementResource,
      scopes: ['all'],
      claims: { iat: now - 7200, exp: now - 3600 },
    });
    return { placeholders: { userId: user.id }, authorization: `Bearer ${token}` };
  },
};
authCases['02-auth-tampered-jwt'] = {
  setup: async (c) => {
    const user = c.emu.seedUser(ALICE);
    return { placeholders: { userId: user.id }, authorization: `Bearer ${tamper(await c.m2mToken())}` };
  },
};
authCases['02-auth-token-without-all-scope'] = {
  setup: async (c) => {
    const user = c.emu.seedUser(ALICE);
    return { placeholders: { userId: user.id }, authorization: `Bearer ${await fetchM2MToken(c.emu, '')}` };
  },
};
authCases['02-auth-wrong-audience-user-token'] = {
  setup: async (c) => {
    const user = c.emu.seedUser(ALICE);
    const token = await c.emu.mintUserToken({
      sub: user.id,
      clientId: SPA_APP_ID,
      audience: ACCOUNT_RESOURCE,
      scopes: ['account:write', 'account:read'],
    });
    return { placeholders: { userId: user.id, spaAppId: SPA_APP_ID }, authorization: `Bearer ${token}` };
  },
};

const usersCases: CaseRegistry = {
  '03-users-create-email-taken': { setup: (c) => void c.emu.seedUser(BOB) },
  '03-users-create-invalid-email': none,
  '03-users-create-success': {
    verify: (c, r) => {
      const id = (r.body as { id: string }).id;
      if (!/^[a-z0-9]{12}$/.test(id)) throw new Error(`user id ${id} is not 12 chars [a-z0-9]`);
      expectEqual(c.emu.state.users.get(id)?.passwordHash !== null, true, 'password stored');
    },
  },
  '03-users-create-username-taken': { setup: (c) => void c.emu.seedUser(BOB) },
  '03-users-custom-data-get-after-patches': userCase({ ...ALICE, customData: { a: 1, b: 2, nested: { y: 2 } } }),
  '03-users-custom-data-get-after-user-patch': userCase({ ...ALICE, customData: { c: 3 } }),
  '03-users-custom-data-get-initial': userCase(),
  '03-users-custom-data-get-unknown-user': none,
  '03-users-custom-data-patch-1': userCase(),
  '03-users-custom-data-patch-2': {
    ...userCase({ ...ALICE, customData: { a: 1, nested: { x: 1 } } }),
    verify: (_c, r) => expectEqual(r.body, { a: 1, nested: { y: 2 }, b: 2 }, 'shallow merge'),
  },
  '03-users-custom-data-patch-missing-wrapper': userCase(),
  '03-users-custom-data-patch-non-object': userCase(),
  '03-users-custom-data-patch-null-value': {
    ...userCase({ ...ALICE, customData: { a: 1, b: 2, nested: { y: 2 } } }),
    verify: (_c, r) => expectEqual(r.body, { a: null, b: 2, nested: { y: 2 } }, 'null stored'),
  },
  '03-users-delete-success': {
    ...userCase(),
    verify: (c) => expectEqual(c.emu.state.users.size, 0, 'users left'),
  },
  '03-users-delete-unknown': absentUser,
  '03-users-get-after-delete': absentUser,
  '03-users-get-include-sso-identities': userCase(),
  '03-users-get-unknown': none,
  '03-users-get': userCase(),
  '03-users-patch-clear-email-and-phone': responseUserCase({ primaryEmail: 'rec.alice2@example.test', primaryPhone: '15550100011' }),
  '03-users-patch-custom-data-via-user': {
    ...responseUserCase({ customData: { a: 1, b: 2 } }),
    verify: (_c, r) => expectEqual((r.body as { customData: unknown }).customData, { c: 3 }, 'customData replaced'),
  },
  '03-users-patch-email-taken-different-case': aliceAndBob,
  '03-users-patch-email-taken': aliceAndBob,
  '03-users-patch-invalid-email': userCase(),
  '03-users-patch-invalid-phone': userCase(),
  '03-users-patch-invalid-username': userCase(),
  '03-users-patch-malformed-json': userCase(),
  '03-users-patch-phone-taken': aliceAndBob,
  '03-users-patch-success': responseUserCase({ username: 'rec_alice', name: 'Alice Recorder', avatar: null }, true),
  '03-users-patch-unknown-field': responseUserCase(),
  '03-users-patch-unknown-user': none,
  '03-users-patch-username-taken': aliceAndBob,
  '03-users-profile-patch-invalid': userCase(),
  '03-users-profile-patch-merge': {
    setup: (c) => {
      const profile = structuredClone(c.exchange.response.body) as JsonObject;
      profile.familyName = 'Recorder';
      return { placeholders: { userId: c.emu.seedUser({ ...ALICE, profile }).id } };
    },
    verify: (_c, r) => {
      const body = r.body as JsonObject;
      expectEqual([body.familyName, body.givenName], ['Changed', 'Alice'], 'profile merge');
    },
  },
  '03-users-profile-patch-missing-wrapper': userCase(),
  '03-users-profile-patch-success': userCase(),
  '03-users-roles-assign': {
    setup: (c) => {
      const user = c.emu.seedUser(ALICE);
      const roleId = generateId();
      c.emu.state.roles.set(roleId, {
        tenantId: 'default',
        id: roleId,
        name: 'account-user',
        description: 'End-user role for the test Account API',
        type: 'User',
        isDefault: false,
      });
      return { placeholders: { userId: user.id, roleId } };
    },
  },
  '03-users-roles-list': {
    setup: (c) => {
      const user = c.emu.seedUser(ALICE);
      const roleId = generateId();
      c.emu.state.roles.set(roleId, {
        tenantId: 'default',
        id: roleId,
        name: 'account-user',
        description: 'End-user role for the test Account API',
        type: 'User',
        isDefault: false,
      });
      c.emu.state.userRoles.set(user.id, new Set([roleId]));
      return { placeholders: { userId: user.id, roleId } };
    },
  },
  '03-users-suspend-invalid-body': userCase(),
  '03-users-suspend-unknown-user': none,
  '03-users-suspend': responseUserCase({ isSuspended: false }),
  '03-users-unsuspend': responseUserCase({ isSuspended: true }),
};

const strictPolicy = (c: CaseContext): void => {
  c.emu.state.passwordPolicy = structuredClone(STRICT_POLICY);
};

const passwordCases: CaseRegistry = {
  '04-password-has-password-false': userCase({ username: 'rec_nopw', name: 'No Password Recorder' }),
  '04-password-has-password-true': userCase(PW_USER),
  '04-password-patch-set-for-user-without-password': {
    setup: (c) => ({ placeholders: { userId: seedUserFromResponse(c, { password: undefined }) } }),
  },
  '04-password-patch-success': {
    ...responseUserCase(),
    verify: async (c, r) => {
      const id = (r.body as { id: string }).id;
      const check = await api(c, 'POST', `/api/users/${id}/password/verify`, { password: 'Pw-User-Changed-8642!' });
      expectEqual(check.status, 204, 'new password verifies');
    },
  },
  '04-password-patch-unknown-user': none,
  '04-password-patch-weak-under-policy': {
    setup: (c) => {
      strictPolicy(c);
      return { placeholders: { userId: seedUserFromResponse(c) } };
    },
  },
  '04-password-verify-correct-after-failures': userCase(PW_USER, async (c, userId) => {
    for (let i = 1; i <= 10; i += 1) {
      await api(c, 'POST', `/api/users/${userId}/password/verify`, { password: `Wrong-Password-${i}` });
    }
  }),
  '04-password-verify-correct': userCase(PW_USER),
  '04-password-verify-empty': userCase(PW_USER),
  '04-password-verify-old-after-change': userCase({ ...PW_USER, password: 'Pw-User-Changed-8642!' }),
  '04-password-verify-unknown-user': none,
  '04-password-verify-user-without-password': userCase({ username: 'rec_nopw', name: 'No Password Recorder' }),
  '04-password-verify-wrong-attempt-01': userCase(PW_USER),
  '04-password-verify-wrong-attempt-02': userCase(PW_USER),
  '04-password-verify-wrong-attempt-05': userCase(PW_USER),
  '04-password-verify-wrong-attempt-06': userCase(PW_USER),
  '04-password-verify-wrong-attempt-10': userCase(PW_USER),
  '04-sign-in-exp-check-password-strong': {
    ...userCase(PW_USER, strictPolicy),
    verify: (_c, r) => expectEqual(r.body, { result: true }, 'result'),
  },
  '04-sign-in-exp-check-password-user-info': {
    ...userCase(PW_USER, strictPolicy),
    verify: (c, r) => expectEqual(r.body, c.exchange.response.body, 'issues'),
  },
  '04-sign-in-exp-check-password-weak': {
    ...userCase(PW_USER, strictPolicy),
    verify: (c, r) => expectEqual(r.body, c.exchange.response.body, 'issues'),
  },
  '04-sign-in-exp-check-password-without-user-id': { setup: strictPolicy },
  '04-sign-in-exp-patch-password-policy': {
    verify: (c) => expectEqual(c.emu.state.passwordPolicy, STRICT_POLICY, 'stored policy'),
  },
  '04-users-create-weak-password-under-policy': { setup: strictPolicy },
};

const EMAIL = (to: string) => ({ email: to });
const vcodeCases: CaseRegistry = {
  '05-vcode-email-send-invalid-email': none,
  '05-vcode-email-send-other-recipient-after-rate-limit': {
    setup: (c) => sendCode(c, EMAIL('rec.ratelimit@example.test'), 11),
    verify: (c) => expectEqual(c.emu.outbox.filter((m) => m.to === 'rec.ratelimit.other@example.test').length, 1, 'sent'),
  },
  '05-vcode-email-send-rate-limited-again': { setup: (c) => sendCode(c, EMAIL('rec.ratelimit@example.test'), 11) },
  '05-vcode-email-send-rate-limited': {
    setup: (c) => sendCode(c, EMAIL('rec.ratelimit@example.test'), 10),
    verify: (c) => expectEqual(c.emu.outbox.length, 10, 'messages sent'),
  },
  '05-vcode-email-send-success': {
    verify: (c) => {
      const code = c.emu.lastCode('rec.vcode@example.test');
      if (!code || !/^\d{6}$/.test(code)) throw new Error(`code ${String(code)} is not 6 digits`);
    },
  },
  '05-vcode-email-verify-consumed': {
    setup: async (c) => {
      await sendCode(c, EMAIL('rec.vcode@example.test'));
      const code = codeFor(c, 'rec.vcode@example.test');
      await api(c, 'POST', '/api/verification-codes/verify', { email: 'rec.vcode@example.test', verificationCode: code });
      return { redacted: { 'verification-code': code } };
    },
  },
  '05-vcode-email-verify-exceed-max-try': {
    setup: async (c) => {
      await sendNonZeroCode(c, EMAIL('rec.maxtry@example.test'), 'rec.maxtry@example.test');
      await wrongVerify(c, EMAIL('rec.maxtry@example.test'), 10);
    },
  },
  '05-vcode-email-verify-latest-code-after-resend': {
    setup: async (c) => {
      await sendCode(c, EMAIL('rec.resend@example.test'), 2);
      return { redacted: { 'verification-code': codeFor(c, 'rec.resend@example.test') } };
    },
  },
  '05-vcode-email-verify-latest-code-while-rate-limited': {
    setup: async (c) => {
      await sendCode(c, EMAIL('rec.ratelimit@example.test'), 11);
      return { redacted: { 'verification-code': codeFor(c, 'rec.ratelimit@example.test') } };
    },
  },
  '05-vcode-email-verify-previous-code-after-resend': {
    setup: async (c) => {
      await sendCode(c, EMAIL('rec.resend@example.test'));
      const previous = codeFor(c, 'rec.resend@example.test');
      do await sendCode(c, EMAIL('rec.resend@example.test'));
      while (codeFor(c, 'rec.resend@example.test') === previous);
      return { redacted: { 'previous-verification-code': previous } };
    },
  },
  '05-vcode-email-verify-right-code-after-exceed': {
    setup: async (c) => {
      await sendNonZeroCode(c, EMAIL('rec.maxtry@example.test'), 'rec.maxtry@example.test');
      await wrongVerify(c, EMAIL('rec.maxtry@example.test'), 11);
      return { redacted: { 'verification-code': codeFor(c, 'rec.maxtry@example.test') } };
    },
  },
  '05-vcode-email-verify-success': {
    setup: async (c) => {
      await sendCode(c, EMAIL('rec.vcode@example.test'));
      return { redacted: { 'verification-code': codeFor(c, 'rec.vcode@example.test') } };
    },
  },
  '05-vcode-email-verify-wrong-code': {
    setup: (c) => sendNonZeroCode(c, EMAIL('rec.vcode@example.test'), 'rec.vcode@example.test'),
  },
  '05-vcode-phone-send-invalid': none,
  '05-vcode-phone-send-success': {
    verify: (c) => expectEqual(c.emu.outbox.map((m) => [m.channel, m.to]), [['phone', '15550109999']], 'outbox'),
  },
  '05-vcode-phone-verify-success': {
    setup: async (c) => {
      await sendCode(c, { phone: '15550109999' });
      return { redacted: { 'verification-code': codeFor(c, '15550109999') } };
    },
  },
  '05-vcode-phone-verify-wrong-code': { setup: (c) => sendNonZeroCode(c, { phone: '15550109999' }, '15550109999') },
  '05-vcode-send-empty-body': none,
  '05-vcode-verify-never-requested': none,
};

const logsCases: CaseRegistry = {
  '10-log-get-unknown': none,
  '10-log-get': {
    setup: (c) => {
      const placeholders: Record<string, string> = { spaAppId: SPA_APP_ID };
      autoBind(c.exchange.request, placeholders);
      seedRecordedLogs(c, placeholders, [c.exchange.response.body as LogEntry]);
      return { placeholders };
    },
  },
  '10-logs-by-application': recordedLogsCase,
  '10-logs-by-user': recordedLogsCase,
  '10-logs-by-user-paginated': {
    setup: (c) => {
      const placeholders: Record<string, string> = { spaAppId: SPA_APP_ID };
      autoBind(c.exchange.request, placeholders);
      const recorded = c.exchange.response.body as LogEntry[];
      seedRecordedLogs(c, placeholders);
      // Page 2 of 8 (Total-Number 16): 2 newer and 12 older entries of the same user around the recorded two.
      const newest = Math.max(...recorded.map((entry) => entry.createdAt));
      const oldest = Math.min(...recorded.map((entry) => entry.createdAt));
      const filler = (createdAt: number) =>
        c.emu.state.addLog({
          key: 'Interaction.Create',
          payload: { key: 'Interaction.Create', result: 'Success', userId: placeholders.userId as string, applicationId: SPA_APP_ID },
          createdAt,
        });
      for (let i = 1; i <= 2; i += 1) filler(newest + i);
      for (let i = 1; i <= 12; i += 1) filler(oldest - i);
      return { placeholders };
    },
  },
  '10-logs-client-credentials': {
    setup: async (c): Promise<CaseBindings> => {
      // Take the replay's own token first: every token request writes a log entry.
      const authorization = `Bearer ${await c.m2mToken()}`;
      const token = (form: Record<string, string>) =>
        fetch(`${c.emu.endpoint}/oidc/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basicAuth(c.emu.m2mAppId, c.emu.m2mAppSecret) },
          body: new URLSearchParams(form),
        });
      await token({ grant_type: 'client_credentials', scope: '' });
      await token({ grant_type: 'client_credentials', resource: c.emu.managementResource, scope: 'all unknown:scope' });
      return { authorization };
    },
  },
  '10-logs-filter-by-key': recordedLogsCase,
};

/**
 * Ten users like the recorder's tenant (Total-Number 10 in 11-users-list-page1-size1): the users the recordings
 * name, oldest first, and rec_mfa2 ("MFA Recorder 2"), the newest, which is what page 1 of size 1 shows.
 */
const NAMES = ['rec_ident', 'rec_mfa', 'rec_sess', 'rec_pw', 'rec_nopw', 'rec_weak', 'rec_alice2', 'rec_carol'];
function seedTenUsers(c: CaseContext): void {
  c.emu.seedUser({ ...BOB, createdAt: 1795319483911 });
  NAMES.forEach((username, index) => c.emu.seedUser({ username, name: username, createdAt: 1795319484000 + index }));
  c.emu.seedUser({ username: 'rec_mfa2', name: 'MFA Recorder 2', createdAt: 1795319487324 });
}

const listCases: CaseRegistry = {
  '11-users-list-invalid-page-size': none,
  '11-users-list-page-beyond-end': { setup: seedTenUsers },
  '11-users-list-page1-size1': {
    setup: seedTenUsers,
    verify: (_c, r) => {
      expectEqual(r.headers['total-number'], '10', 'Total-Number');
      expectEqual((r.body as Array<{ username: string }>)[0]?.username, 'rec_mfa2', 'newest first');
    },
  },
  '11-users-list-search': {
    setup: (c) => {
      seedTenUsers(c);
      const bob = [...c.emu.state.users.values()].find((user) => user.username === 'rec_bob');
      return { placeholders: { userId: bob?.id ?? '' } };
    },
    verify: (_c, r) => expectEqual((r.body as Array<{ username: string }>).map((u) => u.username), ['rec_bob'], 'matches'),
  },
};

export const coreCases: CaseRegistry = {
  ...oidcCases,
  ...authCases,
  ...usersCases,
  ...passwordCases,
  ...vcodeCases,
  ...logsCases,
  ...listCases,
};
