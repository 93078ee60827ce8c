import { ApiProperty } from '@nestjs/swagger';
import type { LogtoGrant, LogtoSession } from '../../logto/logto.types.js';

export class SessionApplicationDto {
  /** The application's client id. */
  id!: string;
  /** Its name, when the user has a live grant for it (Logto's session object carries no names). */
  name?: string;
}

/** How the user proved who they were when the session began. */
export type SignInMethodName = 'password' | 'email_code' | 'phone_code' | 'social' | 'sso' | 'one_time_token';

export class SessionDto {
  /** The session id; the path parameter of DELETE /me/sessions/{sessionId}. */
  id!: string;
  /** The applications signed in through this session. */
  applications!: SessionApplicationDto[];
  /** When the user signed in (ISO 8601). */
  @ApiProperty({ format: 'date-time', example: '2026-11-20T09:31:24.000Z' })
  signedInAt!: string;
  /** When the session ends unless the user signs in again (ISO 8601). */
  @ApiProperty({ format: 'date-time', example: '2026-11-20T09:31:24.000Z' })
  expiresAt!: string;
  /** The address the sign-in came from, as Logto saw it. */
  ip?: string;
  /** The browser or client that signed in. */
  userAgent?: string;
  /** How the user signed in. */
  method?: SignInMethodName;
}

export class SessionListDto {
  items!: SessionDto[];
}

export class GrantApplicationDto {
  /** The application's client id. */
  id!: string;
  name!: string;
}

export class GrantResourceDto {
  /** The API resource indicator. */
  resource!: string;
  /** The scopes granted for it. */
  scopes!: string[];
}

export class GrantDto {
  /** The grant id; the path parameter of DELETE /me/grants/{grantId}. */
  id!: string;
  application!: GrantApplicationDto;
  /** The OpenID Connect scopes granted (`openid`, `profile`, `offline_access`, …). */
  scopes!: string[];
  /** The API resources the application may call on the user's behalf, with their scopes. */
  resources!: GrantResourceDto[];
  /** When the access was granted (ISO 8601). */
  @ApiProperty({ format: 'date-time', example: '2026-11-20T09:31:24.000Z' })
  createdAt!: string;
  /** When the grant lapses unless renewed (ISO 8601). */
  @ApiProperty({ format: 'date-time', example: '2026-11-20T09:31:24.000Z' })
  expiresAt!: string;
}

export class GrantListDto {
  items!: GrantDto[];
}

const iso = (ms: number): string => new Date(ms).toISOString();
const words = (value: string | undefined): string[] => (value ?? '').split(' ').filter(Boolean);

/** Logto's verification record types (lastSubmission.verificationRecords[].type) that prove a first factor. */
const SIGN_IN_METHODS: Record<string, SignInMethodName> = {
  Password: 'password',
  EmailVerificationCode: 'email_code',
  PhoneVerificationCode: 'phone_code',
  Social: 'social',
  EnterpriseSso: 'sso',
  OneTimeToken: 'one_time_token',
};

/**
 * One entry of GET /me/sessions from Logto's session (08-sessions-list): the id is `payload.uid` (the id the
 * per-session routes take), sign-in time `payload.loginTs` (epoch s), the signed-in applications the keys of
 * `payload.authorizations` plus `clientId`, and IP, user agent and method from `lastSubmission`. `names` maps
 * client ids to application names (from the user's grants).
 */
export function toSessionDto(session: LogtoSession, names: ReadonlyMap<string, string>): SessionDto {
  const clientIds = new Set(Object.keys(session.payload.authorizations ?? {}));
  if (session.clientId) clientIds.add(session.clientId);
  const dto: SessionDto = {
    id: session.payload.uid,
    applications: [...clientIds].map((id) => {
      const name = names.get(id);
      return name === undefined ? { id } : { id, name };
    }),
    signedInAt: iso(session.payload.loginTs * 1000),
    expiresAt: iso(session.expiresAt),
  };
  const context = session.lastSubmission?.signInContext;
  if (context?.ip) dto.ip = context.ip;
  if (context?.userAgent) dto.userAgent = context.userAgent;
  const method = session.lastSubmission?.verificationRecords
    ?.filter((record) => !('verified' in record) || record.verified !== false)
    .map((record) => SIGN_IN_METHODS[record.type])
    .find((name) => name !== undefined);
  if (method) dto.method = method;
  return dto;
}

/** One entry of GET /me/grants from Logto's grant (08-grants-list): id = `payload.jti`, times from `iat`/`expiresAt`. */
export function toGrantDto(grant: LogtoGrant): GrantDto {
  const { payload } = grant;
  return {
    id: grant.id,
    // Logto joins the application; should it ever be missing, the client id is the only name there is.
    application: { id: grant.application?.id ?? payload.clientId, name: grant.application?.name ?? payload.clientId },
    scopes: words(payload.openid?.scope),
    resources: Object.entries(payload.resources ?? {}).map(([resource, scopes]) => ({ resource, scopes: words(scopes) })),
    createdAt: iso(payload.iat * 1000),
    expiresAt: iso(grant.expiresAt),
  };
}
