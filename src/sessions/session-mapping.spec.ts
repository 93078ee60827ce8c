import type { LogtoGrant, LogtoSession } from '../logto/logto.types.js';
import { toGrantDto, toSessionDto } from './dto/sessions-response.dto.js';

type VerificationRecords = NonNullable<LogtoSession['lastSubmission']>['verificationRecords'];

/**
 * A session shaped like 08-sessions-list. `records` may be partial or of a type Logto's document does not list:
 * the mapper must cope with what a newer Logto sends.
 */
function session(overrides: Partial<LogtoSession> = {}, records?: Array<{ type?: string; verified?: boolean }>): LogtoSession {
  return {
    payload: {
      exp: 1796529084,
      iat: 1795319484,
      jti: 'jti-1',
      uid: 'uid-1',
      kind: 'Session',
      loginTs: 1795319484,
      accountId: 'user1',
      authorizations: { spa1: { sid: 'sid-1', grantId: 'grant-1', persistsLogout: true } },
    },
    lastSubmission: {
      interactionEvent: 'SignIn',
      userId: 'user1',
      verificationRecords: (records ?? [{ id: 'v1', type: 'Password', verified: true }]) as VerificationRecords,
      signInContext: { ip: '127.0.0.1', userAgent: 'node' },
    },
    clientId: 'spa1',
    accountId: 'user1',
    expiresAt: 1796529084257,
    ...overrides,
  };
}

describe('toSessionDto', () => {
  it('maps the recorded shape', () => {
    expect(toSessionDto(session(), new Map([['spa1', 'rec-spa']]))).toEqual({
      id: 'uid-1',
      applications: [{ id: 'spa1', name: 'rec-spa' }],
      signedInAt: '2026-11-22T03:51:24.000Z',
      expiresAt: '2026-12-06T03:51:24.257Z',
      ip: '127.0.0.1',
      userAgent: 'node',
      method: 'password',
    });
  });

  it('lists every authorized application once, plus the interaction client', () => {
    const dto = toSessionDto(
      session({
        clientId: 'spa2',
        payload: { ...session().payload, authorizations: { spa1: { grantId: 'g1' }, spa3: { grantId: 'g3' }, spa2: { grantId: 'g2' } } },
      }),
      new Map([['spa3', 'Third']]),
    );
    expect(dto.applications).toEqual([{ id: 'spa1' }, { id: 'spa3', name: 'Third' }, { id: 'spa2' }]);
  });

  it.each([
    [[{ type: 'Social', verified: true }, { type: 'Totp', verified: true }], 'social'],
    [[{ type: 'Totp', verified: true }, { type: 'EmailVerificationCode', verified: true }], 'email_code'],
    [[{ type: 'Password', verified: false }, { type: 'PhoneVerificationCode', verified: true }], 'phone_code'],
    [[{ type: 'EnterpriseSso', verified: true }], 'sso'],
    [[{ type: 'OneTimeToken', verified: true }], 'one_time_token'],
    [[{ type: 'Totp', verified: true }], undefined],
    [[{ type: 'SomethingNew', verified: true }], undefined],
    [[], undefined],
  ])('takes the sign-in method from the first verified first-factor record (%j → %s)', (records, method) => {
    expect(toSessionDto(session({}, records), new Map()).method).toBe(method);
  });

  it('omits IP, user agent and method when Logto has no last submission', () => {
    const dto = toSessionDto(session({ lastSubmission: null }), new Map());
    expect(dto).not.toHaveProperty('ip');
    expect(dto).not.toHaveProperty('userAgent');
    expect(dto).not.toHaveProperty('method');
  });
});

describe('toGrantDto', () => {
  const grant: LogtoGrant = {
    id: 'grant-1',
    payload: {
      exp: 1810871484,
      iat: 1795319484,
      jti: 'grant-1',
      kind: 'Grant',
      clientId: 'spa1',
      accountId: 'user1',
      openid: { scope: 'openid  offline_access profile' },
      resources: { 'https://account.example.test': 'account:write account:read' },
    },
    expiresAt: 1810871484238,
    application: { id: 'spa1', name: 'rec-spa' },
  };

  it('maps the recorded shape (08-grants-list), splitting scope strings', () => {
    expect(toGrantDto(grant)).toEqual({
      id: 'grant-1',
      application: { id: 'spa1', name: 'rec-spa' },
      scopes: ['openid', 'offline_access', 'profile'],
      resources: [{ resource: 'https://account.example.test', scopes: ['account:write', 'account:read'] }],
      createdAt: '2026-11-22T03:51:24.000Z',
      expiresAt: '2027-05-21T03:51:24.238Z',
    });
  });

  it('names the application by its client id when Logto joined none, and tolerates missing scopes', () => {
    // Logto's document says the application is always joined; the gateway's answer check admits null all the same.
    const bare = toGrantDto({ ...grant, application: null as unknown as LogtoGrant['application'], payload: { ...grant.payload, openid: undefined, resources: undefined } });
    expect(bare.application).toEqual({ id: 'spa1', name: 'spa1' });
    expect(bare.scopes).toEqual([]);
    expect(bare.resources).toEqual([]);
  });
});
