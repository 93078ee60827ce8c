/**
 * Behaviour of the emulator's account routes (identities, connectors, MFA, sessions/grants,
 * organizations) that the single-exchange contract cases do not show: state changes across
 * requests, defaults, seed helpers.
 */
import { LogtoEmulator } from '@logto-account-service/logto-emulator';

let emulator: LogtoEmulator;
let token: string;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- assertions navigate arbitrary response JSON
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emulator.endpoint}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

beforeAll(async () => {
  emulator = await LogtoEmulator.start();
  const response = await fetch(`${emulator.endpoint}/oidc/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emulator.m2mAppId,
      client_secret: emulator.m2mAppSecret,
      resource: emulator.managementResource,
      scope: 'all',
    }).toString(),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});

afterAll(async () => {
  await emulator.close();
});

describe('connectors', () => {
  it('has a mock e-mail, SMS and social connector out of the box', async () => {
    const { status, body } = await api('GET', '/api/connectors');
    expect(status).toBe(200);
    expect(body.map((c: { type: string; target: string }) => [c.type, c.target])).toEqual([
      ['Email', 'mock-mail'],
      ['Sms', 'mock-sms'],
      ['Social', 'mock-social'],
    ]);
    const ids = emulator.connectorIds;
    expect(body.map((c: { id: string }) => c.id)).toEqual([ids.emailConnectorId, ids.smsConnectorId, ids.socialConnectorId]);
    expect((await api('GET', '/api/connectors?target=mock-social')).body).toHaveLength(1);
    expect((await api('GET', '/api/connector-factories')).body.map((f: { id: string }) => f.id)).toEqual([
      'mock-email-service',
      'mock-short-message-service',
      'mock-social-connector',
    ]);
  });
});

describe('identities', () => {
  it('links through the mock social connector, then the same social account cannot be linked twice', async () => {
    const alice = emulator.seedUser({ username: 'alice_ident' });
    const bob = emulator.seedUser({ username: 'bob_ident' });
    const connectorId = emulator.connectorIds.socialConnectorId;
    const linked = await api('POST', `/api/users/${alice.id}/identities`, {
      connectorId,
      connectorData: { code: 'c', userId: 'social-1', email: 'a@example.test' },
    });
    expect(linked.status).toBe(200);
    expect(linked.body['mock-social']).toEqual({
      userId: 'social-1',
      details: { id: 'social-1', email: 'a@example.test', rawData: { code: 'c', email: 'a@example.test', userId: 'social-1' } },
    });
    const again = await api('POST', `/api/users/${bob.id}/identities`, { connectorId, connectorData: { code: 'c', userId: 'social-1' } });
    expect(again.body.code).toBe('user.identity_already_in_use');
    // Postgres jsonb key order: shorter keys first.
    const put = await api('PUT', `/api/users/${alice.id}/identities/github`, {
      userId: 'gh-1',
      details: { email: 'x@example.test', name: 'X', avatar: 'https://a.example.test/x.png' },
    });
    expect(put.status).toBe(201);
    expect(Object.keys(put.body)).toEqual(['github', 'mock-social']);
    expect(Object.keys(put.body.github.details)).toEqual(['name', 'email', 'avatar']);
    const all = await api('GET', `/api/users/${alice.id}/all-identities`);
    expect(all.body.socialIdentities.map((i: { target: string }) => i.target)).toEqual(['github', 'mock-social']);
  });

  it('lists SSO identities seeded with addSsoIdentity', async () => {
    const user = emulator.seedUser({ username: 'sso_user' });
    emulator.addSsoIdentity(user.id, { ssoConnectorId: 'sso-conn', identityId: 'idp-user-1', detail: { email: 's@example.test' } });
    const all = await api('GET', `/api/users/${user.id}/all-identities`);
    expect(all.body.ssoIdentities).toEqual([
      { ssoIdentity: expect.objectContaining({ identityId: 'idp-user-1', ssoConnectorId: 'sso-conn', userId: user.id }), ssoConnectorId: 'sso-conn' },
    ]);
  });
});

describe('MFA', () => {
  it('generates a 32-char base32 TOTP secret and a PNG QR code', async () => {
    const user = emulator.seedUser({ username: 'mfa_user', name: 'Mfa User' });
    const { status, body } = await api('POST', `/api/users/${user.id}/mfa-verifications`, { type: 'Totp' });
    expect(status).toBe(200);
    expect(body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.secretQrCode).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(body.secretQrCode.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const codes = await api('POST', `/api/users/${user.id}/mfa-verifications`, { type: 'BackupCode' });
    expect(codes.body.codes).toHaveLength(10);
    for (const code of codes.body.codes) expect(code).toMatch(/^[\da-f]{10}$/);
  });

  it('lists WebAuthn factors with name and agent, counts unused backup codes, replaces a used-up set', async () => {
    const user = emulator.seedUser({ username: 'passkey_user' });
    const passkey = emulator.addMfaVerification(user.id, { type: 'WebAuthn', name: 'YubiKey', agent: 'Firefox' });
    const backup = emulator.addMfaVerification(user.id, {
      type: 'BackupCode',
      codes: ['0123456789', 'abcdefabcd'],
      usedCodes: ['0123456789'],
    });
    const list = await api('GET', `/api/users/${user.id}/mfa-verifications`);
    expect(list.body).toEqual([
      { id: passkey.id, createdAt: passkey.createdAt, type: 'WebAuthn', agent: 'Firefox', name: 'YubiKey' },
      { id: backup.id, createdAt: backup.createdAt, type: 'BackupCode', remainCodes: 1 },
    ]);
    expect((await api('POST', `/api/users/${user.id}/mfa-verifications`, { type: 'BackupCode' })).body.code).toBe(
      'user.backup_code_already_in_use',
    );
    emulator.state.mfaOf(user.id)[1]!.codes![1]!.usedAt = new Date().toISOString();
    const renewed = await api('POST', `/api/users/${user.id}/mfa-verifications`, { type: 'BackupCode' });
    expect(renewed.status).toBe(200);
    const after = await api('GET', `/api/users/${user.id}/mfa-verifications`);
    expect(after.body.map((f: { type: string; remainCodes?: number }) => [f.type, f.remainCodes])).toEqual([
      ['WebAuthn', undefined],
      ['BackupCode', 10],
    ]);
    expect((await api('DELETE', `/api/users/${user.id}/mfa-verifications/${passkey.id}`)).status).toBe(204);
  });
});

describe('sessions and grants', () => {
  it('DELETE session keeps an offline_access grant, revokeGrantsTarget=all revokes it', async () => {
    const user = emulator.seedUser({ username: 'sess_user' });
    const first = emulator.addSession(user.id, { clientId: 'spa-1', applicationName: 'SPA one' });
    const second = emulator.addSession(user.id, { clientId: 'spa-1' });
    const grantIds = async (): Promise<string[]> =>
      (await api('GET', `/api/users/${user.id}/grants`)).body.grants.map((g: { id: string }) => g.id);
    expect(await grantIds()).toEqual([first.grantId, second.grantId]);

    expect((await api('DELETE', `/api/users/${user.id}/sessions/${first.sessionId}`)).status).toBe(204);
    expect(await grantIds()).toEqual([first.grantId, second.grantId]);

    expect((await api('DELETE', `/api/users/${user.id}/sessions/${second.sessionId}?revokeGrantsTarget=all`)).status).toBe(204);
    expect(await grantIds()).toEqual([first.grantId]);
    expect((await api('GET', `/api/users/${user.id}/sessions`)).body).toEqual({ sessions: [] });
  });

  it('DELETE session without the parameter revokes a grant without offline_access', async () => {
    const user = emulator.seedUser({ username: 'sess_online' });
    const session = emulator.addSession(user.id, { clientId: 'spa-2', scope: 'openid profile' });
    await api('DELETE', `/api/users/${user.id}/sessions/${session.sessionId}`);
    expect((await api('GET', `/api/users/${user.id}/grants`)).body.grants).toEqual([]);
  });

  it('DELETE grant empties the session authorizations; firstParty keeps third-party grants', async () => {
    const user = emulator.seedUser({ username: 'grant_user' });
    const session = emulator.addSession(user.id, { clientId: 'spa-3', applicationName: 'SPA three' });
    const thirdParty = emulator.addGrant(user.id, { clientId: 'third-app', applicationName: 'Partner', isThirdParty: true, sessionId: session.sessionId });
    const firstPartyList = await api('GET', `/api/users/${user.id}/grants?appType=firstParty`);
    expect(firstPartyList.body.grants.map((g: { application: { name: string } }) => g.application.name)).toEqual(['SPA three']);
    const thirdPartyList = await api('GET', `/api/users/${user.id}/grants?appType=thirdParty`);
    expect(thirdPartyList.body.grants.map((g: { id: string }) => g.id)).toEqual([thirdParty.payload.jti]);

    expect((await api('DELETE', `/api/users/${user.id}/grants/${session.grantId}`)).status).toBe(204);
    const got = await api('GET', `/api/users/${user.id}/sessions/${session.sessionId}`);
    expect(Object.keys(got.body.payload.authorizations)).toEqual(['third-app']);

    expect((await api('DELETE', `/api/users/${user.id}/sessions/${session.sessionId}?revokeGrantsTarget=firstParty`)).status).toBe(204);
    expect((await api('GET', `/api/users/${user.id}/grants`)).body.grants.map((g: { id: string }) => g.id)).toEqual([
      thirdParty.payload.jti,
    ]);
  });

  it('another user: GET says session_not_found, DELETE invalid_session_account_id, grant invalid_grant', async () => {
    const owner = emulator.seedUser({ username: 'owner_user' });
    const other = emulator.seedUser({ username: 'other_user' });
    const session = emulator.addSession(owner.id);
    expect((await api('GET', `/api/users/${other.id}/sessions/${session.sessionId}`)).body.code).toBe('oidc.session_not_found');
    expect((await api('DELETE', `/api/users/${other.id}/sessions/${session.sessionId}`)).body.code).toBe(
      'oidc.invalid_session_account_id',
    );
    expect((await api('DELETE', `/api/users/${other.id}/grants/${session.grantId}`)).body.code).toBe('oidc.invalid_grant');
    expect((await api('GET', `/api/users/${other.id}/grants?appType=everything`)).body.code).toBe('guard.invalid_input');
  });
});

describe('organizations', () => {
  it('lists memberships with the organization roles of the user', async () => {
    const user = emulator.seedUser({ username: 'org_user' });
    const org = emulator.addOrganization({ name: 'Acme', description: 'acme org' });
    emulator.addOrganization({ name: 'Other' });
    emulator.addUserToOrganization(user.id, org.id, ['admin', 'member']);
    const { status, body } = await api('GET', `/api/users/${user.id}/organizations`);
    expect(status).toBe(200);
    expect(body).toEqual([
      {
        ...org,
        organizationRoles: [
          { id: expect.any(String), name: 'admin' },
          { id: expect.any(String), name: 'member' },
        ],
      },
    ]);
  });
});
