/**
 * Contract cases for groups 06–09 (identities, connectors, MFA, logto-configs, sessions, grants,
 * organizations).
 *
 * Each setup recreates, in the case's fresh emulator, the state the recorder had when it sent the
 * request (seeded directly, or through earlier Management API calls where the recording is about
 * what those calls did), and binds the file's placeholders. Most cases add `sameBody`: the
 * emulator's body must equal the recorded one value for value and key for key, in the same key
 * order, except the volatile keys of normalise.ts (the one list for every group) and placeholders the case does
 * not bind.
 */
import { generateId } from '@logto-account-service/logto-emulator';
import { VOLATILE_KEYS } from './normalise.js';
import { substitute } from './shape.js';
import type { CaseBindings, CaseContext, CaseRegistry, ContractCase } from './types.js';

// ---------------------------------------------------------------------------------------------
// Fixtures (values from the recordings)

const SPA_APP_ID = 'recspaapp001';
const SPA_APP_NAME = 'rec-spa';
const ACCOUNT_RESOURCE = 'https://account.example.test';
const MOCK_SOCIAL_FACTORY = 'mock-social-connector';

const IDENT_USER = { username: 'rec_ident', primaryEmail: 'rec.ident@example.test', name: 'Identity Recorder' };
const MFA_USER = { username: 'rec_mfa', primaryEmail: 'rec.mfa@example.test', name: 'MFA Recorder' };
const SESSION_USER = { username: 'rec_sess', name: 'Session Recorder', password: 'Sess-Pass-2468!' };
const ORG_USER = { username: 'rec_org', name: 'Org Recorder' };

/** 06-identities-link-success */
const MOCK_SOCIAL_DATA = {
  code: 'mock-code',
  userId: 'mock-social-user-1',
  email: 'social.user@example.test',
  name: 'Social User',
};
/** 06-identities-put-update (the github identity after the update). */
const GITHUB_IDENTITY = {
  userId: 'gh-12345',
  details: { email: 'rec.ident@example.test', name: 'Identity Recorder (updated)' },
};
/** 06-identities-put-create */
const GITHUB_IDENTITY_ORIGINAL = {
  userId: 'gh-12345',
  details: { email: 'rec.ident@example.test', name: 'Identity Recorder', avatar: 'https://avatars.example.test/gh.png' },
};

// ---------------------------------------------------------------------------------------------
// Helpers

async function api(c: CaseContext, method: string, path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${c.emu.endpoint}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await c.m2mToken()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response;
}

async function apiOk(c: CaseContext, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await api(c, method, path, body);
  const text = await response.text();
  if (response.status >= 300) throw new Error(`setup: ${method} ${path} → ${response.status} ${text}`);
  return text === '' ? null : JSON.parse(text);
}

function fail(what: string, expected: unknown, actual: unknown): never {
  throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const PLACEHOLDER = /^\{[A-Za-z][A-Za-z0-9]*\}$/;
const REDACTED = /^<redacted:[^>]+>$/;

/**
 * Value-for-value comparison of a recorded body (placeholders substituted) with the emulator's:
 * objects must have the same keys in the same order; `volatile` keys only need the same JSON type;
 * unbound placeholders and redactions match any string.
 */
function exactProblems(expected: unknown, actual: unknown, bindings: Record<string, string>, volatile: ReadonlySet<string>, path = '$'): string[] {
  if (typeof expected === 'string') {
    if (PLACEHOLDER.test(expected) && bindings[expected.slice(1, -1)] === undefined) {
      return typeof actual === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(actual)}`];
    }
    if (REDACTED.test(expected)) return typeof actual === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(actual)}`];
    const wanted = substitute(expected, bindings);
    return wanted === actual ? [] : [`${path}: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      return [`${path}: expected ${expected.length} elements, got ${JSON.stringify(actual)}`];
    }
    return expected.flatMap((item, index) => exactProblems(item, actual[index], bindings, volatile, `${path}[${index}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const expectedKeys = Object.keys(expected).map((key) => substitute(key, bindings));
    const actualKeys = Object.keys(actual);
    const problems: string[] = [];
    const unbound = expectedKeys.some((key) => PLACEHOLDER.test(key));
    if (!unbound && expectedKeys.join(',') !== actualKeys.join(',')) {
      problems.push(`${path}: expected keys [${expectedKeys.join(', ')}], got [${actualKeys.join(', ')}]`);
    }
    Object.entries(expected).forEach(([rawKey, value], index) => {
      const key = expectedKeys[index] as string;
      const actualKey = PLACEHOLDER.test(key) ? actualKeys[index] : key;
      if (actualKey === undefined || !(actualKey in actual)) return;
      const actualValue = (actual as Record<string, unknown>)[actualKey];
      if (volatile.has(rawKey)) {
        if (typeof value !== typeof actualValue) problems.push(`${path}.${key}: expected a ${typeof value}, got ${JSON.stringify(actualValue)}`);
        return;
      }
      problems.push(...exactProblems(value, actualValue, bindings, volatile, `${path}.${key}`));
    });
    return problems;
  }
  return expected === actual ? [] : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** The bindings a case's setup returned, kept for `verify` (setup runs before verify in `replay`). */
const lastBindings = new WeakMap<CaseContext['exchange'], Record<string, string>>();

/** Wraps a setup so its placeholders are remembered for `sameBody`. */
function remember(setup: NonNullable<ContractCase['setup']>): NonNullable<ContractCase['setup']> {
  return async (c) => {
    const bindings = ((await setup(c)) ?? {}) as CaseBindings;
    lastBindings.set(c.exchange, { m2mAppId: c.emu.m2mAppId, ...bindings.placeholders });
    return bindings;
  };
}

/** `verify`: the body equals the recorded one (see file comment). */
function sameBody(): NonNullable<ContractCase['verify']> {
  return (c, response) => {
    const bindings = lastBindings.get(c.exchange) ?? { m2mAppId: c.emu.m2mAppId };
    const problems = exactProblems(c.exchange.response.body, response.body, bindings, VOLATILE_KEYS);
    if (problems.length > 0) throw new Error(`body differs from the recording:\n  ${problems.join('\n  ')}`);
  };
}

/** A case: `setup` seeds and returns placeholders; the body must equal the recording. */
function exact(
  setup: (c: CaseContext) => Promise<Record<string, string>> | Record<string, string>,
  extra?: NonNullable<ContractCase['verify']>,
): ContractCase {
  const same = sameBody();
  return {
    setup: remember(async (c) => ({ placeholders: await setup(c) })),
    verify: async (c, response) => {
      same(c, response);
      await extra?.(c, response);
    },
  };
}

/** A path user id that does not exist. */
const absentUser = (): Record<string, string> => ({ userId: generateId() });

// --- Identities ---

function identUser(c: CaseContext, identities: { github?: 'original' | 'updated'; mockSocial?: boolean } = {}): string {
  const user = c.emu.seedUser(IDENT_USER);
  if (identities.mockSocial) {
    c.emu.linkSocialIdentity(user.id, 'mock-social', {
      userId: MOCK_SOCIAL_DATA.userId,
      details: {
        id: MOCK_SOCIAL_DATA.userId,
        name: MOCK_SOCIAL_DATA.name,
        email: MOCK_SOCIAL_DATA.email,
        rawData: MOCK_SOCIAL_DATA,
      },
    });
  }
  if (identities.github) {
    c.emu.linkSocialIdentity(user.id, 'github', identities.github === 'updated' ? GITHUB_IDENTITY : GITHUB_IDENTITY_ORIGINAL);
  }
  return user.id;
}


// --- MFA ---

function mfaUser(c: CaseContext): string {
  return c.emu.seedUser(MFA_USER).id;
}

// --- Sessions / grants ---

function sessionUser(c: CaseContext): string {
  return c.emu.seedUser(SESSION_USER).id;
}

function signIn(c: CaseContext, userId: string, suffix = ''): Record<string, string> {
  const seeded = c.emu.addSession(userId, {
    clientId: SPA_APP_ID,
    applicationName: SPA_APP_NAME,
    resources: { [ACCOUNT_RESOURCE]: 'account:write account:read' },
  });
  const session = c.emu.state.sessions.get(seeded.sessionId);
  return {
    [`sessionId${suffix}`]: seeded.sessionId,
    [`grantId${suffix}`]: seeded.grantId,
    [`sid${suffix}`]: seeded.sid,
    [`jti${suffix}`]: seeded.jti,
    [`verificationRecordId${suffix}`]: session?.lastSubmission?.verificationRecords[0]?.id ?? '',
  };
}


// ---------------------------------------------------------------------------------------------
// Cases

const connectorCases: CaseRegistry = {
  // The recorded main process had only the mock e-mail/SMS factories.
  '06-connector-factories-list': exact((c) => {
    c.emu.removeConnectorFactory(MOCK_SOCIAL_FACTORY);
    return {};
  }),
  '06-connectors-list': exact((c) => {
    c.emu.removeConnectorFactory(MOCK_SOCIAL_FACTORY);
    return { emailConnectorId: c.emu.connectorIds.emailConnectorId, smsConnectorId: c.emu.connectorIds.smsConnectorId };
  }),
  '06-connectors-create-mock-social-factory-missing': exact((c) => {
    c.emu.removeConnectorFactory(MOCK_SOCIAL_FACTORY);
    return {};
  }),
  // The recorded social process had the factory but no connector yet.
  '06-connectors-create-mock-social-success': exact(
    (c) => {
      c.emu.removeConnector(c.emu.connectorIds.socialConnectorId);
      return {};
    },
    (c, response) => {
      const id = (response.body as { id: string }).id;
      if (c.emu.state.connectors.get(id)?.connectorId !== MOCK_SOCIAL_FACTORY) fail('stored connector', MOCK_SOCIAL_FACTORY, id);
    },
  ),
  '06-connectors-authorization-uri-empty-state': exact(() => ({})),
  '06-connectors-authorization-uri-unknown': exact(() => ({})),
  '06-connectors-authorization-uri-non-social': exact((c) => ({ connectorId: c.emu.connectorIds.emailConnectorId })),
  '06-connectors-authorization-uri-success': exact((c) => ({ connectorId: c.emu.connectorIds.socialConnectorId })),
};

const identityCases: CaseRegistry = {
  '06-identities-all-identities-empty': exact((c) => ({ userId: identUser(c) })),
  '06-identities-all-identities-nonempty': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-get': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-get-include-token-secret': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-get-linked': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-get-not-exist': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-put-create': exact(
    (c) => ({ userId: identUser(c, { mockSocial: true }) }),
    (c) => {
      const user = [...c.emu.state.users.values()].find((u) => u.username === IDENT_USER.username);
      if (user?.identities.github?.userId !== 'gh-12345') fail('stored github identity', 'gh-12345', user?.identities.github);
    },
  ),
  '06-identities-put-update': exact((c) => ({ userId: identUser(c, { github: 'original', mockSocial: true }) })),
  '06-identities-put-in-use': exact((c) => {
    identUser(c, { github: 'updated', mockSocial: true });
    return { userId: c.emu.seedUser({ username: 'rec_ident_other' }).id };
  }),
  '06-identities-user-profile-with-identities': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-delete': exact((c) => ({ userId: identUser(c, { github: 'updated', mockSocial: true }) })),
  '06-identities-delete-not-exist': exact((c) => ({ userId: identUser(c, { mockSocial: true }) })),
  '06-identities-delete-unknown-user': exact(absentUser),
  '06-identities-link-success': exact(
    (c) => ({ userId: identUser(c), connectorId: c.emu.connectorIds.socialConnectorId }),
    (c) => {
      const user = [...c.emu.state.users.values()].find((u) => u.username === IDENT_USER.username);
      if (user?.identities['mock-social']?.userId !== MOCK_SOCIAL_DATA.userId) fail('stored identity', MOCK_SOCIAL_DATA.userId, user?.identities);
    },
  ),
  '06-identities-link-already-in-use': exact((c) => {
    identUser(c, { mockSocial: true });
    return { userId: c.emu.seedUser({ username: 'rec_ident_other' }).id, connectorId: c.emu.connectorIds.socialConnectorId };
  }),
  '06-identities-link-invalid-connector-data': exact((c) => ({
    userId: c.emu.seedUser({ username: 'rec_ident_other' }).id,
    connectorId: c.emu.connectorIds.socialConnectorId,
  })),
  '06-identities-link-non-social-connector': exact((c) => ({ userId: identUser(c), connectorId: c.emu.connectorIds.emailConnectorId })),
  '06-identities-link-unknown-connector': exact((c) => ({ userId: identUser(c) })),
};

const TOTP_SECRET_GIVEN = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function expectTotpResponse(secret?: string): NonNullable<ContractCase['verify']> {
  return (_c, response) => {
    const body = response.body as { secret: string; secretQrCode: string };
    if (!/^[A-Z2-7]{32}$/.test(body.secret)) fail('secret (32-char base32)', '[A-Z2-7]{32}', body.secret);
    if (secret !== undefined && body.secret !== secret) fail('echoed secret', secret, body.secret);
    if (!body.secretQrCode.startsWith('data:image/png;base64,')) fail('secretQrCode', 'data:image/png;base64,…', body.secretQrCode.slice(0, 30));
  };
}

const mfaCases: CaseRegistry = {
  '07-logto-configs-get-initial': exact((c) => ({ userId: mfaUser(c) })),
  '07-logto-configs-get-with-mfa': exact((c) => {
    const userId = mfaUser(c);
    c.emu.addMfaVerification(userId, { type: 'Totp' });
    c.emu.addMfaVerification(userId, { type: 'BackupCode' });
    return { userId };
  }),
  '07-logto-configs-patch': exact((c) => ({ userId: mfaUser(c) })),
  '07-mfa-list-empty': exact((c) => ({ userId: mfaUser(c) })),
  '07-mfa-list-nonempty': exact(
    (c) => {
      const userId = mfaUser(c);
      const totp = c.emu.addMfaVerification(userId, { type: 'Totp' });
      const backup = c.emu.addMfaVerification(userId, { type: 'BackupCode' });
      return { userId, verificationId: totp.id, backupCodeVerificationId: backup.id };
    },
  ),
  '07-mfa-list-after-delete': exact(
    (c) => {
      const userId = mfaUser(c);
      const backup = c.emu.addMfaVerification(userId, { type: 'BackupCode' });
      return { userId, backupCodeVerificationId: backup.id };
    },
  ),
  '07-mfa-create-totp-generated': exact((c) => ({ userId: mfaUser(c) }), expectTotpResponse()),
  '07-mfa-create-totp-given-secret': {
    setup: remember((c) => ({ placeholders: { userId: mfaUser(c) }, redacted: { 'totp-secret': TOTP_SECRET_GIVEN } })),
    verify: expectTotpResponse(TOTP_SECRET_GIVEN),
  },
  '07-mfa-create-totp-invalid-secret': exact((c) => ({ userId: mfaUser(c) })),
  '07-mfa-create-totp-again': exact((c) => {
    const userId = mfaUser(c);
    c.emu.addMfaVerification(userId, { type: 'Totp' });
    return { userId };
  }),
  '07-mfa-create-unknown-user': exact(absentUser),
  '07-mfa-create-invalid-type': exact((c) => ({ userId: mfaUser(c) })),
  '07-mfa-create-backup-code-alone': exact((c) => ({ userId: mfaUser(c) })),
  '07-mfa-create-backup-code': exact(
    (c) => {
      const userId = mfaUser(c);
      c.emu.addMfaVerification(userId, { type: 'Totp' });
      return { userId };
    },
    (_c, response) => {
      const { codes } = response.body as { codes: string[] };
      for (const code of codes) if (!/^[\da-f]{10}$/.test(code)) fail('backup code (10-char lowercase hex)', '[0-9a-f]{10}', code);
    },
  ),
  '07-mfa-create-backup-code-again': exact((c) => {
    const userId = mfaUser(c);
    c.emu.addMfaVerification(userId, { type: 'Totp' });
    c.emu.addMfaVerification(userId, { type: 'BackupCode' });
    return { userId };
  }),
  '07-mfa-create-backup-code-invalid-format': exact((c) => {
    const userId = mfaUser(c);
    c.emu.addMfaVerification(userId, { type: 'Totp' });
    return { userId };
  }),
  '07-mfa-delete': exact(
    (c) => {
      const userId = mfaUser(c);
      const totp = c.emu.addMfaVerification(userId, { type: 'Totp' });
      c.emu.addMfaVerification(userId, { type: 'BackupCode' });
      return { userId, verificationId: totp.id };
    },
    (c) => {
      const types = [...c.emu.state.mfaVerifications.values()].flat().map((factor) => factor.type);
      if (types.join() !== 'BackupCode') fail('factors left', ['BackupCode'], types);
    },
  ),
  '07-mfa-delete-again': exact(async (c) => {
    const userId = mfaUser(c);
    const totp = c.emu.addMfaVerification(userId, { type: 'Totp' });
    await apiOk(c, 'DELETE', `/api/users/${userId}/mfa-verifications/${totp.id}`);
    return { userId, verificationId: totp.id };
  }),
  '07-mfa-delete-unknown': exact((c) => ({ userId: mfaUser(c) })),
};

const sessionCases: CaseRegistry = {
  '08-sessions-list-no-sessions': exact((c) => ({ userId: sessionUser(c) })),
  '08-sessions-list': exact(
    (c) => {
      const userId = sessionUser(c);
      return { userId, spaAppId: SPA_APP_ID, ...signIn(c, userId), ...signIn(c, userId, '2') };
    },
  ),
  '08-session-get': exact(
    (c) => {
      const userId = sessionUser(c);
      return { userId, spaAppId: SPA_APP_ID, ...signIn(c, userId) };
    },
  ),
  '08-session-get-unknown': exact((c) => ({ userId: sessionUser(c) })),
  '08-session-get-other-user': exact((c) => {
    const owner = sessionUser(c);
    const { sessionId } = signIn(c, owner);
    return { userId: c.emu.seedUser({ username: 'rec_sess_other' }).id, sessionId: sessionId as string };
  }),
  '08-session-delete': exact(
    (c) => {
      const userId = sessionUser(c);
      return { userId, ...signIn(c, userId) };
    },
    (c) => {
      // Without revokeGrantsTarget the (offline_access) grant stays: 08-grants-list-after-delete.
      if (c.emu.state.sessions.size !== 0) fail('sessions left', 0, c.emu.state.sessions.size);
      if (c.emu.state.grants.size !== 1) fail('grants left', 1, c.emu.state.grants.size);
    },
  ),
  '08-session-delete-revoke-grants': exact(
    (c) => {
      const userId = sessionUser(c);
      return { userId, ...signIn(c, userId) };
    },
    (c) => {
      if (c.emu.state.sessions.size !== 0) fail('sessions left', 0, c.emu.state.sessions.size);
      if (c.emu.state.grants.size !== 0) fail('grants left', 0, c.emu.state.grants.size);
    },
  ),
  '08-session-delete-again': exact(async (c) => {
    const userId = sessionUser(c);
    const bound = signIn(c, userId);
    await apiOk(c, 'DELETE', `/api/users/${userId}/sessions/${bound.sessionId}`);
    return { userId, ...bound };
  }),
  '08-session-delete-other-user': exact((c) => {
    const owner = sessionUser(c);
    const { sessionId } = signIn(c, owner);
    return { userId: c.emu.seedUser({ username: 'rec_sess_other' }).id, sessionId: sessionId as string };
  }),
  '08-session-delete-invalid-revoke-target': exact((c) => ({ userId: sessionUser(c) })),
  '08-grants-list': exact(
    (c) => {
      const userId = sessionUser(c);
      return { userId, spaAppId: SPA_APP_ID, ...signIn(c, userId), ...signIn(c, userId, '2') };
    },
  ),
  '08-grants-list-first-party': exact(
    (c) => {
      const userId = sessionUser(c);
      const bound = { userId, spaAppId: SPA_APP_ID, ...signIn(c, userId), ...signIn(c, userId, '2') };
      // A third-party grant the filter must leave out.
      c.emu.addGrant(userId, { clientId: 'recthirdparty', applicationName: 'rec-third-party', isThirdParty: true });
      return bound;
    },
  ),
  '08-grant-delete': exact(
    (c) => {
      const userId = sessionUser(c);
      return { userId, ...signIn(c, userId) };
    },
    (c) => {
      const [session] = [...c.emu.state.sessions.values()];
      if (Object.keys(session?.payload.authorizations ?? { x: 1 }).length !== 0) {
        fail('session authorizations', {}, session?.payload.authorizations);
      }
    },
  ),
  '08-grant-delete-again': exact(async (c) => {
    const userId = sessionUser(c);
    const bound = signIn(c, userId);
    await apiOk(c, 'DELETE', `/api/users/${userId}/grants/${bound.grantId}`);
    return { userId, ...bound };
  }),
  '08-grant-delete-unknown': exact((c) => ({ userId: sessionUser(c) })),
  // The recorder's sequence: three sign-ins; the grant of the first revoked (08-grant-delete), the
  // second session deleted plainly (08-session-delete: its grant stays), the third deleted with
  // revokeGrantsTarget=all (08-session-delete-revoke-grants: its grant goes).
  '08-grants-list-after-delete': exact(
    async (c) => {
      const userId = sessionUser(c);
      const revoked = signIn(c, userId);
      const plain = signIn(c, userId);
      const all = signIn(c, userId);
      await apiOk(c, 'DELETE', `/api/users/${userId}/grants/${revoked.grantId}`);
      await apiOk(c, 'DELETE', `/api/users/${userId}/sessions/${plain.sessionId}`);
      await apiOk(c, 'DELETE', `/api/users/${userId}/sessions/${all.sessionId}?revokeGrantsTarget=all`);
      return { userId, spaAppId: SPA_APP_ID, grantId: plain.grantId as string };
    },
  ),
  '08-sessions-list-after-deletes': exact(
    async (c) => {
      const userId = sessionUser(c);
      const revoked = signIn(c, userId);
      const plain = signIn(c, userId);
      const all = signIn(c, userId);
      await apiOk(c, 'DELETE', `/api/users/${userId}/grants/${revoked.grantId}`);
      await apiOk(c, 'DELETE', `/api/users/${userId}/sessions/${plain.sessionId}`);
      await apiOk(c, 'DELETE', `/api/users/${userId}/sessions/${all.sessionId}?revokeGrantsTarget=all`);
      return { userId, spaAppId: SPA_APP_ID, ...revoked };
    },
  ),
};

const organizationCases: CaseRegistry = {
  '09-user-organizations-empty': exact((c) => {
    c.emu.addOrganization({ name: 'rec-org', description: 'throwaway organization of the recorder' });
    return { userId: c.emu.seedUser(ORG_USER).id };
  }),
  '09-user-organizations-nonempty': exact(
    (c) => {
      const userId = c.emu.seedUser(ORG_USER).id;
      const organization = c.emu.addOrganization({ name: 'rec-org', description: 'throwaway organization of the recorder' });
      c.emu.addOrganization({ name: 'rec-org-not-a-member' });
      c.emu.addUserToOrganization(userId, organization.id);
      return { userId, organizationId: organization.id };
    },
  ),
  '09-user-organizations-unknown-user': exact(absentUser),
};

export const accountCases: CaseRegistry = {
  ...connectorCases,
  ...identityCases,
  ...mfaCases,
  ...sessionCases,
  ...organizationCases,
};
