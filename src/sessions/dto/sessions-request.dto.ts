import { Matches } from 'class-validator';

/** oidc-provider ids (session `uid`, grant `jti`) are 21 URL-safe characters; anything else is no id of ours. */
const OIDC_ID = /^[A-Za-z0-9_-]{1,64}$/;

export class SessionIdParams {
  /** `id` of an entry of GET /me/sessions. */
  @Matches(OIDC_ID, { message: 'sessionId must be a session id' })
  sessionId!: string;
}

export class GrantIdParams {
  /** `id` of an entry of GET /me/grants. */
  @Matches(OIDC_ID, { message: 'grantId must be a grant id' })
  grantId!: string;
}
