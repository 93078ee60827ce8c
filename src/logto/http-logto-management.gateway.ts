import { Injectable } from '@nestjs/common';
import { LogtoHttpClient } from './logto-http.client.js';
import { LogtoManagementGateway } from './logto-management.gateway.js';
import type {
  JsonObject,
  LogtoAllIdentities,
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

  async updateUser(userId: string, patch: LogtoUserPatch): Promise<LogtoUser> {
    const res = await this.http.request<LogtoUser>({ operation: 'updateUser', method: 'PATCH', path: users(userId), body: patch });
    return res.body;
  }

  async deleteUser(userId: string): Promise<void> {
    await this.http.request({ operation: 'deleteUser', method: 'DELETE', path: users(userId) });
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
      return { result: false, issues: [] };
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
    const res = await this.http.request<LogtoAllIdentities>({ operation: 'getAllIdentities', method: 'GET', path: users(userId, '/all-identities') });
    return { socialIdentities: res.body?.socialIdentities ?? [], ssoIdentities: res.body?.ssoIdentities ?? [] };
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

  async createBackupCodes(userId: string): Promise<string[]> {
    const res = await this.http.request<{ codes: string[] }>({
      operation: 'createBackupCodes',
      method: 'POST',
      path: users(userId, '/mfa-verifications'),
      body: { type: 'BackupCode' },
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

  async listUserLogs(userId: string, page: { page: number; pageSize: number }): Promise<LogtoPage<LogtoLogEntry>> {
    const res = await this.http.request<LogtoLogEntry[]>({
      operation: 'listUserLogs',
      method: 'GET',
      path: '/api/logs',
      query: { userId, page: page.page, page_size: page.pageSize },
    });
    const total = Number(res.headers.get('total-number'));
    return { items: res.body ?? [], total: Number.isFinite(total) ? total : (res.body?.length ?? 0) };
  }
}
