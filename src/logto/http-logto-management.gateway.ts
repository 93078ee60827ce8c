import { Injectable } from '@nestjs/common';
import { answerOf, pathSegment, requireCaller } from './logto-answers.js';
import { translateLogtoError, type LogtoErrorBody } from './logto-errors.js';
import { LogtoHttpClient } from './logto-http.client.js';
import { LogtoManagementGateway } from './logto-management.gateway.js';
import type {
  JsonObject,
  LogtoAllIdentities,
  LogtoConnector,
  LogtoGrant,
  LogtoLogEntry,
  LogtoMfaVerification,
  LogtoOrganization,
  LogtoPage,
  LogtoPasswordCheck,
  LogtoSession,
  LogtoUser,
  LogtoUserPatch,
  LogtoUserProfile,
  VerificationCodeTarget,
} from './logto.types.js';

/** `/api/users/{userId}{rest}`; `rest` must be built from literals and `pathSegment`s. */
const users = (userId: string, rest = '') => `/api/users/${pathSegment(userId, 'account.not_found')}${rest}`;

/**
 * The Management API over HTTP. Paths, payloads and error codes as recorded from Logto OSS 1.41. Every id in a
 * path is a checked segment (logto-answers.ts), every answer read is checked against the shape expected, and
 * every answer about a user against the caller: anything else is a 502 `upstream.bad_response`.
 */
@Injectable()
export class HttpLogtoManagementGateway extends LogtoManagementGateway {
  constructor(private readonly http: LogtoHttpClient) {
    super();
  }

  async ping(): Promise<void> {
    await this.http.probe('/oidc/.well-known/openid-configuration');
  }

  async getUser(userId: string): Promise<LogtoUser> {
    // includeSsoIdentities adds `ssoIdentities`; `hasPassword` is always there: one call serves GET /me.
    const res = await this.http.request<unknown>({
      operation: 'getUser',
      method: 'GET',
      path: users(userId),
      query: { includeSsoIdentities: true },
    });
    return this.userOf('getUser', userId, res.body);
  }

  async findUsersByContact(contact: VerificationCodeTarget): Promise<LogtoUser[]> {
    // The Management API has no lookup by email or phone; its advanced search does it (11-users-list-search,
    // packages/core/src/utils/search.ts): `mode=exact` without `isCaseSensitive` compares lower(field) = lower(value).
    const [field, value] = 'email' in contact ? ['primaryEmail', contact.email] : ['primaryPhone', contact.phone];
    const res = await this.http.request<unknown>({
      operation: 'findUsersByContact',
      method: 'GET',
      path: '/api/users',
      query: { [`search.${field}`]: value, [`mode.${field}`]: 'exact', page_size: 2 },
    });
    return answerOf('findUsersByContact', 'users', res.body);
  }

  async updateUser(userId: string, patch: LogtoUserPatch): Promise<LogtoUser> {
    const res = await this.http.request<unknown>({ operation: 'updateUser', method: 'PATCH', path: users(userId), body: patch });
    return this.userOf('updateUser', userId, res.body);
  }

  async deleteUser(userId: string): Promise<void> {
    await this.http.request({ operation: 'deleteUser', method: 'DELETE', path: users(userId) });
  }

  async listUsers(page: { page: number; pageSize: number }): Promise<LogtoPage<LogtoUser>> {
    const res = await this.http.request<unknown>({
      operation: 'listUsers',
      method: 'GET',
      path: '/api/users',
      query: { page: page.page, page_size: page.pageSize },
    });
    const items = answerOf('listUsers', 'users', res.body);
    const total = Number(res.header('total-number'));
    return { items, total: Number.isFinite(total) ? total : items.length };
  }

  async getCustomData(userId: string): Promise<JsonObject> {
    const res = await this.http.request<unknown>({ operation: 'getCustomData', method: 'GET', path: users(userId, '/custom-data') });
    return answerOf('getCustomData', 'customData', res.body);
  }

  async mergeCustomData(userId: string, partial: JsonObject): Promise<JsonObject> {
    const res = await this.http.request<unknown>({
      operation: 'mergeCustomData',
      method: 'PATCH',
      path: users(userId, '/custom-data'),
      body: { customData: partial },
    });
    return answerOf('mergeCustomData', 'customData', res.body);
  }

  async mergeProfile(userId: string, partial: LogtoUserProfile): Promise<LogtoUserProfile> {
    const res = await this.http.request<unknown>({
      operation: 'mergeProfile',
      method: 'PATCH',
      path: users(userId, '/profile'),
      body: { profile: partial },
    });
    return answerOf('mergeProfile', 'profile', res.body);
  }

  async hasPassword(userId: string): Promise<boolean> {
    const res = await this.http.request<unknown>({ operation: 'hasPassword', method: 'GET', path: users(userId, '/has-password') });
    return answerOf('hasPassword', 'hasPassword', res.body).hasPassword;
  }

  async verifyPassword(userId: string, password: string): Promise<boolean> {
    // Logto: 204 for the right password, 422 session.invalid_credentials otherwise (also without a password).
    const res = await this.http.request({
      operation: 'verifyPassword',
      method: 'POST',
      path: users(userId, '/password/verify'),
      body: { password },
      acceptStatuses: [422],
    });
    return res.status === 204 || res.status === 200;
  }

  async setPassword(userId: string, password: string): Promise<void> {
    await this.http.request({ operation: 'setPassword', method: 'PATCH', path: users(userId, '/password'), body: { password } });
  }

  async checkPasswordPolicy(password: string, userId?: string): Promise<LogtoPasswordCheck> {
    // Logto answers 400 {result: false, issues} for a rejected password: an answer, not an error.
    const res = await this.http.request<unknown>({
      operation: 'checkPasswordPolicy',
      method: 'POST',
      path: '/api/sign-in-exp/default/check-password',
      body: userId ? { password, userId } : { password },
      acceptStatuses: [400],
    });
    if (res.status === 400 && (res.body as { result?: unknown } | undefined)?.result !== false) {
      // A 400 without `result` is a real error (04-sign-in-exp-check-password-without-user-id).
      throw translateLogtoError(res.status, res.body as LogtoErrorBody | undefined);
    }
    const check = answerOf('checkPasswordPolicy', 'passwordCheck', res.body ?? {});
    return { result: check.result !== false, issues: check.issues ?? [] };
  }

  async sendVerificationCode(target: VerificationCodeTarget): Promise<void> {
    await this.http.request({ operation: 'sendVerificationCode', method: 'POST', path: '/api/verification-codes', body: target });
  }

  async verifyVerificationCode(target: VerificationCodeTarget, code: string): Promise<void> {
    await this.http.request({
      operation: 'verifyVerificationCode',
      method: 'POST',
      path: '/api/verification-codes/verify',
      body: { ...target, verificationCode: code },
    });
  }

  async getAllIdentities(userId: string): Promise<LogtoAllIdentities> {
    // Logto wraps each SSO identity as `{ ssoIdentity, ssoConnectorId }` here (openapi.json of 1.41), unlike the
    // flat `ssoIdentities` of GET /users/{id}?includeSsoIdentities=true; unwrap so both read the same.
    const res = await this.http.request<unknown>({ operation: 'getAllIdentities', method: 'GET', path: users(userId, '/all-identities') });
    const all = answerOf('getAllIdentities', 'allIdentities', res.body);
    return {
      socialIdentities: all.socialIdentities ?? [],
      ssoIdentities: (all.ssoIdentities ?? []).map(({ ssoIdentity, ssoConnectorId }) => ({ ...ssoIdentity, ssoConnectorId })),
    };
  }

  async listConnectors(): Promise<LogtoConnector[]> {
    const res = await this.http.request<unknown>({ operation: 'listConnectors', method: 'GET', path: '/api/connectors' });
    // Only what callers may see: the list also carries each connector's config, which holds its secrets.
    return answerOf('listConnectors', 'connectors', res.body).map(({ id, target, type, connectorId }) => ({ id, target, type, connectorId }));
  }

  async linkSocialIdentity(userId: string, connectorId: string, connectorData: JsonObject): Promise<Record<string, unknown>> {
    const res = await this.http.request<unknown>({
      operation: 'linkSocialIdentity',
      method: 'POST',
      path: users(userId, '/identities'),
      body: { connectorId, connectorData },
      errors: { notFound: 'connector.not_found' },
    });
    return answerOf('linkSocialIdentity', 'identitiesMap', res.body);
  }

  async unlinkSocialIdentity(userId: string, target: string): Promise<void> {
    const res = await this.http.request<unknown>({
      operation: 'unlinkSocialIdentity',
      method: 'DELETE',
      path: users(userId, `/identities/${pathSegment(target, 'identity.not_found')}`),
    });
    // 06-identities-delete: Logto answers with the updated user.
    if (res.body !== undefined) this.userOf('unlinkSocialIdentity', userId, res.body);
  }

  async createSocialAuthorizationUri(connectorId: string, args: { redirectUri: string; state: string }): Promise<string> {
    const res = await this.http.request<unknown>({
      operation: 'createSocialAuthorizationUri',
      method: 'POST',
      path: `/api/connectors/${pathSegment(connectorId, 'connector.not_found')}/authorization-uri`,
      body: { redirectUri: args.redirectUri, state: args.state },
      errors: { notFound: 'connector.not_found' },
    });
    return answerOf('createSocialAuthorizationUri', 'authorizationUri', res.body).redirectTo;
  }

  async listMfaVerifications(userId: string): Promise<LogtoMfaVerification[]> {
    const res = await this.http.request<unknown>({ operation: 'listMfaVerifications', method: 'GET', path: users(userId, '/mfa-verifications') });
    return answerOf('listMfaVerifications', 'mfaVerifications', res.body);
  }

  async createTotpVerification(userId: string, secret: string): Promise<void> {
    await this.http.request({
      operation: 'createTotpVerification',
      method: 'POST',
      path: users(userId, '/mfa-verifications'),
      body: { type: 'Totp', secret },
    });
  }

  async createBackupCodes(userId: string, codes?: string[]): Promise<string[]> {
    const res = await this.http.request<unknown>({
      operation: 'createBackupCodes',
      method: 'POST',
      path: users(userId, '/mfa-verifications'),
      // 07-mfa-create-backup-code: Logto generates 10 codes when `codes` is absent and stores given ones as is.
      body: codes ? { type: 'BackupCode', codes } : { type: 'BackupCode' },
    });
    return answerOf('createBackupCodes', 'backupCodes', res.body).codes;
  }

  async deleteMfaVerification(userId: string, verificationId: string): Promise<void> {
    await this.http.request({
      operation: 'deleteMfaVerification',
      method: 'DELETE',
      path: users(userId, `/mfa-verifications/${pathSegment(verificationId, 'mfa.not_found')}`),
      errors: { notFound: 'mfa.not_found' },
    });
  }

  async listSessions(userId: string): Promise<LogtoSession[]> {
    const res = await this.http.request<unknown>({ operation: 'listSessions', method: 'GET', path: users(userId, '/sessions') });
    const { sessions } = answerOf('listSessions', 'sessions', res.body);
    requireCaller(
      'listSessions',
      userId,
      sessions.flatMap((session) => [session.payload.accountId, session.accountId ?? userId, session.lastSubmission?.userId ?? userId]),
    );
    return sessions;
  }

  async deleteSession(userId: string, sessionId: string, revokeGrants: boolean): Promise<void> {
    await this.http.request({
      operation: 'deleteSession',
      method: 'DELETE',
      path: users(userId, `/sessions/${pathSegment(sessionId, 'session.not_found')}`),
      query: { revokeGrantsTarget: revokeGrants ? 'all' : undefined },
      errors: { notFound: 'session.not_found' },
    });
  }

  async listGrants(userId: string): Promise<LogtoGrant[]> {
    const res = await this.http.request<unknown>({ operation: 'listGrants', method: 'GET', path: users(userId, '/grants') });
    const { grants } = answerOf('listGrants', 'grants', res.body);
    requireCaller('listGrants', userId, grants.map((grant) => grant.payload.accountId));
    return grants;
  }

  async deleteGrant(userId: string, grantId: string): Promise<void> {
    await this.http.request({
      operation: 'deleteGrant',
      method: 'DELETE',
      path: users(userId, `/grants/${pathSegment(grantId, 'grant.not_found')}`),
      errors: { notFound: 'grant.not_found' },
    });
  }

  async listOrganizations(userId: string): Promise<LogtoOrganization[]> {
    const res = await this.http.request<unknown>({ operation: 'listOrganizations', method: 'GET', path: users(userId, '/organizations') });
    return answerOf('listOrganizations', 'organizations', res.body);
  }

  /** The user in an answer, if it is the caller. */
  private userOf(operation: string, userId: string, body: unknown): LogtoUser {
    const user = answerOf(operation, 'user', body);
    requireCaller(operation, userId, [user.id]);
    return user;
  }

  async listUserLogs(userId: string, page: { page: number; pageSize: number; before?: number }): Promise<LogtoPage<LogtoLogEntry>> {
    const res = await this.http.request<unknown>({
      operation: 'listUserLogs',
      method: 'GET',
      path: '/api/logs',
      // end_time: exclusive upper bound on createdAt in epoch ms (openapi.json of 1.41, GET /api/logs).
      // An empty or odd userId would make Logto drop the filter and list the whole tenant's logs.
      query: { userId: pathSegment(userId, 'account.not_found'), page: page.page, page_size: page.pageSize, end_time: page.before },
    });
    const items = answerOf('listUserLogs', 'logs', res.body);
    // `?userId=` matches payload.userId, so every entry of the caller's logs carries it (10-logs-by-user).
    requireCaller('listUserLogs', userId, items.map((entry) => entry.payload.userId));
    const total = Number(res.header('total-number'));
    return { items, total: Number.isFinite(total) ? total : items.length };
  }
}
