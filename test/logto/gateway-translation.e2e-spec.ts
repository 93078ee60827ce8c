/**
 * Every recorded Logto error response the gateway can meet, replayed verbatim by a stand-in server, and
 * what the gateway makes of it: one of our stable codes, or an answer (e.g. `false` for a wrong password).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { DomainError } from '../../src/common/errors/domain-error.js';
import type { ErrorCode } from '../../src/common/errors/error-codes.js';
import { LogtoManagementGateway } from '../../src/logto/logto-management.gateway.js';
import { startEmulatorApp, type TestApp } from '../support/test-app.js';

const EXCHANGES = process.env.LOGTO_EXCHANGES_DIR ?? join(process.cwd(), '..', 'shared', 'logto', 'exchanges');

interface Exchange {
  name: string;
  kind?: string;
  request: { method: string; path: string };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

type Call = (gateway: LogtoManagementGateway) => Promise<unknown>;
type Outcome = { code: ErrorCode } | { value: unknown };
interface Case {
  call: Call;
  expect: Outcome;
  /** The recorded response is the token endpoint's. */
  tokenEndpoint?: true;
}

const U = 'u1a2b3c4d5e6';
const getUser: Call = (g) => g.getUser(U);
const code = (c: ErrorCode): Outcome => ({ code: c });

const CASES: Record<string, Case> = {
  // The M2M token endpoint refusing: the service cannot authenticate to Logto.
  ...Object.fromEntries(
    [
      '01-oidc-token-client-credentials-no-resource',
      '01-oidc-token-client-credentials-unknown-client',
      '01-oidc-token-client-credentials-unknown-resource',
      '01-oidc-token-client-credentials-wrong-secret',
      '01-oidc-token-missing-grant-type',
      '01-oidc-token-unsupported-grant-type',
    ].map((name) => [name, { call: getUser, expect: code('upstream.auth_failed'), tokenEndpoint: true as const }]),
  ),
  // The Management API refusing the M2M token (after one retry with a fresh token).
  ...Object.fromEntries(
    [
      '02-auth-basic-scheme',
      '02-auth-bearer-empty',
      '02-auth-expired-token',
      '02-auth-garbage-token',
      '02-auth-no-token',
      '02-auth-tampered-jwt',
      '02-auth-token-without-all-scope',
      '02-auth-wrong-audience-user-token',
    ].map((name) => [name, { call: getUser, expect: code('upstream.auth_failed') }]),
  ),
  '03-users-custom-data-get-unknown-user': { call: (g) => g.getCustomData(U), expect: code('account.not_found') },
  '03-users-custom-data-patch-missing-wrapper': { call: (g) => g.mergeCustomData(U, { a: 1 }), expect: code('upstream.rejected') },
  '03-users-custom-data-patch-non-object': { call: (g) => g.mergeCustomData(U, { a: 1 }), expect: code('upstream.rejected') },
  '03-users-delete-unknown': { call: (g) => g.deleteUser(U), expect: code('account.not_found') },
  '03-users-get-after-delete': { call: getUser, expect: code('account.not_found') },
  '03-users-get-unknown': { call: getUser, expect: code('account.not_found') },
  '03-users-patch-email-taken': { call: (g) => g.updateUser(U, { primaryEmail: 'taken@example.test' }), expect: code('email.already_in_use') },
  '03-users-patch-email-taken-different-case': { call: (g) => g.updateUser(U, { primaryEmail: 'TAKEN@example.test' }), expect: code('email.already_in_use') },
  '03-users-patch-invalid-email': { call: (g) => g.updateUser(U, { primaryEmail: 'x' }), expect: code('email.invalid') },
  '03-users-patch-invalid-phone': { call: (g) => g.updateUser(U, { primaryPhone: 'x' }), expect: code('phone.invalid') },
  '03-users-patch-invalid-username': { call: (g) => g.updateUser(U, { username: '1 bad' }), expect: code('username.invalid') },
  '03-users-patch-malformed-json': { call: (g) => g.updateUser(U, { name: 'x' }), expect: code('upstream.rejected') },
  '03-users-patch-phone-taken': { call: (g) => g.updateUser(U, { primaryPhone: '15550100001' }), expect: code('phone.already_in_use') },
  '03-users-patch-unknown-user': { call: (g) => g.updateUser(U, { name: 'x' }), expect: code('account.not_found') },
  '03-users-patch-username-taken': { call: (g) => g.updateUser(U, { username: 'taken' }), expect: code('username.already_in_use') },
  '03-users-profile-patch-invalid': { call: (g) => g.mergeProfile(U, { givenName: 'x' }), expect: code('upstream.rejected') },
  '03-users-profile-patch-missing-wrapper': { call: (g) => g.mergeProfile(U, { givenName: 'x' }), expect: code('upstream.rejected') },
  '04-password-patch-unknown-user': { call: (g) => g.setPassword(U, 'a new password'), expect: code('account.not_found') },
  '04-password-verify-empty': { call: (g) => g.verifyPassword(U, ''), expect: code('upstream.rejected') },
  '04-password-verify-unknown-user': { call: (g) => g.verifyPassword(U, 'pw'), expect: code('account.not_found') },
  ...Object.fromEntries(
    [
      '04-password-verify-old-after-change',
      '04-password-verify-user-without-password',
      '04-password-verify-wrong-attempt-01',
      '04-password-verify-wrong-attempt-02',
      '04-password-verify-wrong-attempt-05',
      '04-password-verify-wrong-attempt-06',
      '04-password-verify-wrong-attempt-10',
    ].map((name) => [name, { call: (g: LogtoManagementGateway) => g.verifyPassword(U, 'wrong'), expect: { value: false } }]),
  ),
  '04-sign-in-exp-check-password-weak': {
    call: (g) => g.checkPasswordPolicy('abc', U),
    expect: {
      value: {
        result: false,
        issues: [
          { code: 'password_rejected.too_short', interpolation: { min: 12 } },
          { code: 'password_rejected.character_types', interpolation: { min: 3 } },
          { code: 'password_rejected.restricted.sequence' },
        ],
      },
    },
  },
  '04-sign-in-exp-check-password-user-info': {
    call: (g) => g.checkPasswordPolicy('rec_alice-1234-Xy!', U),
    expect: { value: { result: false, issues: [{ code: 'password_rejected.restricted.user_info' }, { code: 'password_rejected.restricted.words' }] } },
  },
  '04-sign-in-exp-check-password-without-user-id': { call: (g) => g.checkPasswordPolicy('whatever'), expect: code('upstream.rejected') },
  '05-vcode-email-send-invalid-email': { call: (g) => g.sendVerificationCode({ email: 'x' }), expect: code('email.invalid') },
  '05-vcode-phone-send-invalid': { call: (g) => g.sendVerificationCode({ phone: 'x' }), expect: code('phone.invalid') },
  '05-vcode-send-empty-body': { call: (g) => g.sendVerificationCode({ email: '' }), expect: code('upstream.rejected') },
  '05-vcode-email-send-rate-limited': { call: (g) => g.sendVerificationCode({ email: 'a@example.test' }), expect: code('verification_code.rate_limited') },
  '05-vcode-email-send-rate-limited-again': { call: (g) => g.sendVerificationCode({ email: 'a@example.test' }), expect: code('verification_code.rate_limited') },
  ...Object.fromEntries(
    [
      '05-vcode-email-verify-consumed',
      '05-vcode-email-verify-exceed-max-try',
      '05-vcode-email-verify-previous-code-after-resend',
      '05-vcode-email-verify-right-code-after-exceed',
      '05-vcode-email-verify-wrong-code',
      '05-vcode-verify-never-requested',
    ].map((name) => [name, { call: (g: LogtoManagementGateway) => g.verifyVerificationCode({ email: 'a@example.test' }, '000000'), expect: code('verification_code.invalid') }]),
  ),
  '05-vcode-phone-verify-wrong-code': { call: (g) => g.verifyVerificationCode({ phone: '15550109999' }, '000000'), expect: code('verification_code.invalid') },
  '06-connectors-authorization-uri-empty-state': { call: (g) => g.createSocialAuthorizationUri('c1', { redirectUri: 'https://a.test/cb', state: 's' }), expect: code('upstream.rejected') },
  '06-connectors-authorization-uri-non-social': { call: (g) => g.createSocialAuthorizationUri('c1', { redirectUri: 'https://a.test/cb', state: 's' }), expect: code('connector.not_found') },
  '06-connectors-authorization-uri-unknown': { call: (g) => g.createSocialAuthorizationUri('c1', { redirectUri: 'https://a.test/cb', state: 's' }), expect: code('connector.not_found') },
  '06-identities-delete-not-exist': { call: (g) => g.unlinkSocialIdentity(U, 'github'), expect: code('identity.not_found') },
  '06-identities-delete-unknown-user': { call: (g) => g.unlinkSocialIdentity(U, 'github'), expect: code('account.not_found') },
  '06-identities-link-already-in-use': { call: (g) => g.linkSocialIdentity(U, 'c1', { code: 'x' }), expect: code('identity.already_in_use') },
  '06-identities-link-invalid-connector-data': { call: (g) => g.linkSocialIdentity(U, 'c1', {}), expect: code('identity.verification_failed') },
  '06-identities-link-non-social-connector': { call: (g) => g.linkSocialIdentity(U, 'c1', { code: 'x' }), expect: code('connector.not_found') },
  '06-identities-link-unknown-connector': { call: (g) => g.linkSocialIdentity(U, 'c1', { code: 'x' }), expect: code('connector.not_found') },
  '07-mfa-create-backup-code-again': { call: (g) => g.createBackupCodes(U), expect: code('mfa.backup_codes_exist') },
  '07-mfa-create-backup-code-alone': { call: (g) => g.createBackupCodes(U), expect: code('mfa.backup_codes_need_factor') },
  '07-mfa-create-backup-code-invalid-format': { call: (g) => g.createBackupCodes(U), expect: code('upstream.rejected') },
  '07-mfa-create-invalid-type': { call: (g) => g.createTotpVerification(U, 'JBSWY3DPEHPK3PXP'), expect: code('upstream.rejected') },
  '07-mfa-create-totp-again': { call: (g) => g.createTotpVerification(U, 'JBSWY3DPEHPK3PXP'), expect: code('mfa.already_enrolled') },
  '07-mfa-create-totp-invalid-secret': { call: (g) => g.createTotpVerification(U, 'JBSWY3DPEHPK3PXP'), expect: code('upstream.rejected') },
  '07-mfa-create-unknown-user': { call: (g) => g.createTotpVerification(U, 'JBSWY3DPEHPK3PXP'), expect: code('account.not_found') },
  '07-mfa-delete-again': { call: (g) => g.deleteMfaVerification(U, 'v1'), expect: code('mfa.not_found') },
  '07-mfa-delete-unknown': { call: (g) => g.deleteMfaVerification(U, 'v1'), expect: code('mfa.not_found') },
  '08-grant-delete-again': { call: (g) => g.deleteGrant(U, 'g1'), expect: code('grant.not_found') },
  '08-grant-delete-unknown': { call: (g) => g.deleteGrant(U, 'g1'), expect: code('grant.not_found') },
  '08-session-delete-again': { call: (g) => g.deleteSession(U, 's1', true), expect: code('session.not_found') },
  '08-session-delete-other-user': { call: (g) => g.deleteSession(U, 's1', true), expect: code('session.not_found') },
  '08-session-delete-invalid-revoke-target': { call: (g) => g.deleteSession(U, 's1', true), expect: code('upstream.rejected') },
  '09-user-organizations-unknown-user': { call: (g) => g.listOrganizations(U), expect: code('account.not_found') },
  '11-users-list-invalid-page-size': { call: (g) => g.findUsersByContact({ email: 'a@example.test' }), expect: code('upstream.rejected') },
};

/** Error exchanges of operations this service never calls (and why). */
const NOT_CALLED: Record<string, string> = {
  '03-users-create-email-taken': 'the service never creates users',
  '03-users-create-invalid-email': 'the service never creates users',
  '03-users-create-username-taken': 'the service never creates users',
  '03-users-suspend-invalid-body': 'the service never suspends users',
  '03-users-suspend-unknown-user': 'the service never suspends users',
  '04-account-password-weak-rejected': "Logto's end-user Account API, not the Management API",
  '06-connectors-create-mock-social-factory-missing': 'the service never creates connectors',
  '06-identities-get-not-exist': 'identities are read through all-identities',
  '06-identities-put-in-use': 'the service links identities through connectors only',
  '08-session-get-other-user': 'sessions are read through the list',
  '08-session-get-unknown': 'sessions are read through the list',
  '10-log-get-unknown': 'logs are read through the list',
};

function loadErrorExchanges(): Exchange[] {
  return readdirSync(EXCHANGES)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(join(EXCHANGES, file), 'utf8')) as Exchange)
    .filter((exchange) => exchange.kind !== 'decoded-jwt' && exchange.response.status >= 400);
}

describe('gateway translation of every recorded Logto error', () => {
  let replay: FastifyInstance;
  let scripted: Exchange | undefined;
  let served = false;
  let t: TestApp;
  let gateway: LogtoManagementGateway;
  const errorExchanges = loadErrorExchanges();

  beforeAll(async () => {
    replay = Fastify();
    replay.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    const send = (exchange: Exchange, reply: import('fastify').FastifyReply) => {
      served = true;
      const { status, headers, body } = exchange.response;
      reply.code(status).header('content-type', headers['content-type'] ?? 'application/json; charset=utf-8');
      if (headers['www-authenticate']) reply.header('www-authenticate', headers['www-authenticate']);
      return reply.send(typeof body === 'string' ? body : JSON.stringify(body));
    };
    replay.post('/oidc/token', async (_request, reply) => {
      if (scripted?.request.path === '/oidc/token') return send(scripted, reply);
      return reply.send({ access_token: 'replay-token', expires_in: 3600, token_type: 'Bearer', scope: 'all' });
    });
    replay.all('/api/*', async (_request, reply) => {
      if (!scripted || scripted.request.path === '/oidc/token') return reply.code(200).send({});
      return send(scripted, reply);
    });
    await replay.listen({ port: 0, host: '127.0.0.1' });
    const { port } = replay.server.address() as AddressInfo;
    t = (await startEmulatorApp({
      emulator: null,
      env: { LOGTO_ENDPOINT: `http://127.0.0.1:${port}`, LOGTO_BREAKER_HALF_OPEN_MS: '100' },
    })).t;
    gateway = t.app.get(LogtoManagementGateway);
  });
  afterAll(async () => {
    await t.close();
    await replay.close();
  });

  it('covers every recorded error exchange (a new recording needs a case)', () => {
    const names = errorExchanges.map((exchange) => exchange.name).sort();
    const covered = [...Object.keys(CASES), ...Object.keys(NOT_CALLED)].sort();
    expect(names).toEqual(covered);
  });

  it.each(Object.keys(CASES).sort())('%s', async (name) => {
    const exchange = errorExchanges.find((e) => e.name === name);
    expect(exchange).toBeDefined();
    scripted = exchange;
    served = false;
    const testCase = CASES[name];
    // A fresh token per case, so token-endpoint cases really reach the endpoint.
    await t.app.get((await import('../../src/logto/m2m-token.provider.js')).M2MTokenProvider).invalidate('replay-token');
    let outcome: Outcome;
    try {
      outcome = { value: await testCase.call(gateway) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcome = { code: error.code };
      // Nothing Logto said is passed on to the client as is.
      expect(error.detail ?? '').not.toContain((exchange!.response.body as { message?: string } | null)?.message ?? '\u0000');
    } finally {
      scripted = undefined;
    }
    expect(served).toBe(true);
    expect(outcome).toEqual(testCase.expect);
  });
});
