// TEMPORARY stand-in for @logto-account-service/client (h6/client) with the same surface; deleted when it lands.
export type ProblemCode = string;
export class AccountProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly requestId: string | undefined,
    readonly body: Record<string, unknown>,
  ) {
    super(String(body.detail ?? body.title ?? code));
  }
}
export const isAccountProblem = (e: unknown): e is AccountProblem => e instanceof AccountProblem;

interface Options {
  baseUrl: string;
  getAccessToken: () => Promise<string>;
  onVerificationRequired?: (ctx: { methods: string[] }) => Promise<string>;
}
type Call = { body?: unknown; path?: Record<string, string>; query?: Record<string, string | number | undefined> };

const ops: Record<string, [string, string]> = {
  createPasswordVerification: ['POST', '/me/verifications/password'],
  createCodeVerification: ['POST', '/me/verifications/code'],
  verifyCodeVerification: ['POST', '/me/verifications/{verificationId}/verify'],
  getMyAccount: ['GET', '/me'],
  updateMyAccount: ['PATCH', '/me'],
  deleteMyAccount: ['DELETE', '/me'],
  updateMyProfile: ['PATCH', '/me/profile'],
  getMyCustomData: ['GET', '/me/custom-data'],
  getMyCustomDataSchema: ['GET', '/me/custom-data/schema'],
  updateMyCustomData: ['PATCH', '/me/custom-data'],
  sendEmailVerificationCode: ['POST', '/me/email/verification-code'],
  updateMyEmail: ['PUT', '/me/email'],
  removeMyEmail: ['DELETE', '/me/email'],
  sendPhoneVerificationCode: ['POST', '/me/phone/verification-code'],
  updateMyPhone: ['PUT', '/me/phone'],
  removeMyPhone: ['DELETE', '/me/phone'],
  getMyPasswordStatus: ['GET', '/me/password'],
  setMyPassword: ['PUT', '/me/password'],
  listMyIdentities: ['GET', '/me/identities'],
  createMySocialAuthorizationUri: ['POST', '/me/identities/social/authorization-uri'],
  linkMySocialIdentity: ['POST', '/me/identities/social'],
  unlinkMySocialIdentity: ['DELETE', '/me/identities/social/{target}'],
  listMySessions: ['GET', '/me/sessions'],
  revokeAllMySessions: ['DELETE', '/me/sessions'],
  revokeMySession: ['DELETE', '/me/sessions/{sessionId}'],
  listMyGrants: ['GET', '/me/grants'],
  revokeMyGrant: ['DELETE', '/me/grants/{grantId}'],
  listMyOrganizations: ['GET', '/me/organizations'],
  listMyMfaFactors: ['GET', '/me/mfa'],
  startMyTotpEnrollment: ['POST', '/me/mfa/totp/enrollment'],
  confirmMyTotpEnrollment: ['POST', '/me/mfa/totp'],
  getMyBackupCodesStatus: ['GET', '/me/mfa/backup-codes'],
  regenerateMyBackupCodes: ['POST', '/me/mfa/backup-codes'],
  removeMyMfaFactor: ['DELETE', '/me/mfa/{factorId}'],
  getMySecurityOverview: ['GET', '/me/security'],
  getMyAccountDeletion: ['GET', '/me/deletion'],
  cancelMyAccountDeletion: ['DELETE', '/me/deletion'],
  exportMyAccount: ['GET', '/me/export'],
  listMyActivity: ['GET', '/me/activity'],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AccountClient = Record<string, (call?: Call) => Promise<any>>;

export function createAccountClient(options: Options): AccountClient {
  let verificationId: string | undefined;
  const send = async (method: string, template: string, call: Call = {}, retried = false): Promise<unknown> => {
    const path = template.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(call.path?.[k] ?? ''));
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) query.set(k, String(v));
    const headers: Record<string, string> = { authorization: `Bearer ${await options.getAccessToken()}`, accept: 'application/json' };
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET') headers['idempotency-key'] = crypto.randomUUID();
    if (verificationId) headers['verification-id'] = verificationId;
    const response = await fetch(`${options.baseUrl}${path}${query.size ? `?${query}` : ''}`, {
      method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (response.ok) return body;
    const problem = new AccountProblem(response.status, body?.code ?? 'internal', body?.requestId, body ?? {});
    if (problem.code === 'verification.required' && !retried && options.onVerificationRequired) {
      verificationId = await options.onVerificationRequired({ methods: (body.methods as string[]) ?? [] });
      return send(method, template, call, true);
    }
    throw problem;
  };
  return Object.fromEntries(Object.entries(ops).map(([id, [m, p]]) => [id, (call?: Call) => send(m, p, call)]));
}
