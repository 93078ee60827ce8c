import { Injectable } from '@nestjs/common';
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
  LogtoSsoIdentity,
  LogtoUser,
  LogtoUserPatch,
  LogtoUserProfile,
  VerificationCodeTarget,
} from './logto.types.js';

const users = (userId: string, rest = '') => `/api/users/${encodeURIComponent(userId)}${rest}`;

/** The Management API over HTTP. Paths, payloads and error codes as recorded from Logto OSS 1.41. */
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
    const res = await this.http.request<LogtoUser>({
      operation: 'getUser',
      method: 'GET',
      path: users(userId),
      query: { includeSsoIdentities: true },
    });
    return res.body;
  }

  async findUsersByContact(contact: VerificationCodeTarget): Promise<LogtoUser[]> {
    // The Management API has no lookup by email or phone; its advanced search does it (11-users-list-search,
    // packages/core/src/utils/search.ts): `mode=exact` without `isCaseSensitive` compares lower(field) = lower(value).
    const [field, value] = 'email' in contact ? ['primaryEmail', contact.email] : ['primaryPhone', contact.phone];
    const res = await this.http.request<LogtoUser[]>({
      operation: 'findUsersByContact',
      method: 'GET',
      path: '/api/users',
      query: { [`search.${field}`]: value, [`mode.${field}`]: 'exact', page_size: 2 },
    });
    return res.body ?? [];
  }

  async updateUser(userId: string, patch: LogtoUserPatch): Promise<LogtoUser> {
    const res = await this.http.request<LogtoUser>({ operation: 'updateUser', method: 'PATCH', path: users(userId), body: patch });
    return res.body;
  }

  async deleteUser(userId: string): Promise<void> {
    await this.http.request({ operation: 'deleteUser', method: 'DELETE', path: users(userId) });
  }

  async listUsers(page: { page: number; pageSize: number }): Promise<LogtoPage<LogtoUser>> {
    const res = await this.http.request<LogtoUser[]>({
      operation: 'listUsers',
      method: 'GET',
      path: '/api/users',
      query: { page: page.page, page_size: page.pageSize },
    });
    const total = Number(res.header('total-number'));
    return { items: res.body ?? [], total: Number.isFinite(total) ? total : (res.body?.length ?? 0) };
  }

  async getCustomData(userId: string): Promise<JsonObject> {
    const res = await this.http.request<JsonObject>({ operation: 'getCustomData', method: 'GET', path: users(userId, '/custom-data') });
    return res.body ?? {};
  }

  async mergeCustomData(userId: string, partial: JsonObject): Promise<JsonObject> {
    const res = await this.http.request<JsonObject>({
      operation: 'mergeCustomData',
      method: 'PATCH',
      path: users(userId, '/custom-data'),
      body: { customData: partial },
    });
    return res.body ?? {};
  }

  async mergeProfile(userId: string, partial: LogtoUserProfile): Promise<LogtoUserProfile> {
    const res = await this.http.request<LogtoUserProfile>({
      operation: 'mergeProfile',
      method: 'PATCH',
      path: users(userId, '/profile'),
      body: { profile: partial },
    });
    return res.body ?? {};
  }

  async hasPassword(userId: string): Promise<boolean> {
    const res = await this.http.request<{ hasPassword: boolean }>({ operation: 'hasPassword', method: 'GET', path: users(userId, '/has-password') });
    return res.body.hasPassword === true;
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
    const res = await this.http.request<Partial<LogtoPasswordCheck> | undefined>({
      operation: 'checkPasswordPolicy',
      method: 'POST',
      path: '/api/sign-in-exp/default/check-password',
      body: userId ? { password, userId } : { password },
      acceptStatuses: [400],
    });
    if (res.status === 400 && res.body?.result !== false) {
      // A 400 without `result` is a real error (04-sign-in-exp-check-password-without-user-id).
      throw translateLogtoError(res.status, res.body as LogtoErrorBody | undefined);
    }
    return { result: res.body?.result !== false, issues: res.body?.issues ?? [] };
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
    const res = await this.http.request<{
      socialIdentities?: LogtoAllIdentities['socialIdentities'];
      ssoIdentities?: Array<{ ssoIdentity: LogtoSsoIdentity; ssoConnectorId: string }>;
    }>({ operation: 'getAllIdentities', method: 'GET', path: users(userId, '/all-identities') });
    return {
      socialIdentities: res.body?.socialIdentities ?? [],
      ssoIdentities: (res.body?.ssoIdentities ?? []).map(({ ssoIdentity, ssoConnectorId }) => ({ ...ssoIdentity, ssoConnectorId })),
    };
  }

  async listConnectors(): Promise<LogtoConnector[]> {
    const res = await this.http.request<LogtoConnector[]>({ operation: 'listConnectors', method: 'GET', path: '/api/connectors' });
    // Only what callers may see: the list also carries each connector's config, which holds its secrets.
    return (res.body ?? []).map(({ id, target, type, connectorId }) => ({ id, target, type, connectorId }));
  }

  async linkSocialIdentity(userId: string, connectorId: string, connectorData: JsonObject): Promise<Record<string, unknown>> {
    const res = await this.http.request<Record<string, unknown>>({
      operation: 'linkSocialIdentity',
      method: 'POST',
      path: users(userId, '/identities'),
      body: { connectorId, connectorData },
      errors: { notFound: 'connector.not_found' },
    });
    return res.body ?? {};
  }

  async unlinkSocialIdentity(userId: string, target: string): Promise<void> {
    await this.http.request({
      operation: 'unlinkSocialIdentity',
      method: 'DELETE',
      path: users(userId, `/identities/${encodeURIComponent(target)}`),
    });
  }

  async createSocialAuthorizationUri(connectorId: string, args: { redirectUri: string; state: string }): Promise<string> {
    const res = await this.http.request<{ redirectTo: string }>({
      operation: 'createSocialAuthorizationUri',
      method: 'POST',
      path: `/api/connectors/${encodeURIComponent(connectorId)}/authorization-uri`,
      body: { redirectUri: args.redirectUri, state: args.state },
      errors: { notFound: 'connector.not_found' },
    });
    return res.body.redirectTo;
  }

  async listMfaVerifications(userId: string): Promise<LogtoMfaVerification[]> {
    const res = await this.http.request<LogtoMfaVerification[]>({ operation: 'listMfaVerifications', method: 'GET', path: users(userId, '/mfa-verifications') });
    return res.body ?? [];
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
    const res = await this.http.request<{ codes: string[] }>({
      operation: 'createBackupCodes',
      method: 'POST',
      path: users(userId, '/mfa-verifications'),
      // 07-mfa-create-backup-code: Logto generates 10 codes when `codes` is absent and stores given ones as is.
      body: codes ? { type: 'BackupCode', codes } : { type: 'BackupCode' },
    });
    return res.body.codes;
  }

  async deleteMfaVerification(userId: string, verificationId: string): Promise<void> {
    await this.http.request({
      operation: 'deleteMfaVerification',
      method: 'DELETE',
      path: users(userId, `/mfa-verifications/${encodeURIComponent(verificationId)}`),
      errors: { notFound: 'mfa.not_found' },
    });
  }

  async listSessions(userId: string): Promise<LogtoSession[]> {
    const res = await this.http.request<{ sessions: LogtoSession[] }>({ operation: 'listSessions', method: 'GET', path: users(userId, '/sessions') });
    return res.body?.sessions ?? [];
  }

  async deleteSession(userId: string, sessionId: string, revokeGrants: boolean): Promise<void> {
    await this.http.request({
      operation: 'deleteSession',
      method: 'DELETE',
      path: users(userId, `/sessions/${encodeURIComponent(sessionId)}`),
      query: { revokeGrantsTarget: revokeGrants ? 'all' : undefined },
      errors: { notFound: 'session.not_found' },
    });
  }

  async listGrants(userId: string): Promise<LogtoGrant[]> {
    const res = await this.http.request<{ grants: LogtoGrant[] }>({ operation: 'listGrants', method: 'GET', path: users(userId, '/grants') });
    return res.body?.grants ?? [];
  }

  async deleteGrant(userId: string, grantId: string): Promise<void> {
    await this.http.request({
      operation: 'deleteGrant',
      method: 'DELETE',
      path: users(userId, `/grants/${encodeURIComponent(grantId)}`),
      errors: { notFound: 'grant.not_found' },
    });
  }

  async listOrganizations(userId: string): Promise<LogtoOrganization[]> {
    const res = await this.http.request<LogtoOrganization[]>({ operation: 'listOrganizations', method: 'GET', path: users(userId, '/organizations') });
    return res.body ?? [];
  }

  async listUserLogs(userId: string, page: { page: number; pageSize: number; before?: number }): Promise<LogtoPage<LogtoLogEntry>> {
    const res = await this.http.request<LogtoLogEntry[]>({
      operation: 'listUserLogs',
      method: 'GET',
      path: '/api/logs',
      // end_time: exclusive upper bound on createdAt in epoch ms (openapi.json of 1.41, GET /api/logs).
      query: { userId, page: page.page, page_size: page.pageSize, end_time: page.before },
    });
    const total = Number(res.header('total-number'));
    return { items: res.body ?? [], total: Number.isFinite(total) ? total : (res.body?.length ?? 0) };
  }
}
