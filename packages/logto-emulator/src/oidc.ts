/**
 * The OIDC side of the emulator: signing keys, discovery, JWKS and the token endpoint.
 *
 * Behaviour follows the 01-oidc-* recordings of Logto 1.41.0 (oidc-provider 8.6.1 underneath):
 * ES384 P-384 keys, access tokens `{alg: ES384, typ: at+jwt, kid}`, OIDC errors rendered as
 * `{code: "oidc.<error>", message, error, error_description}` with `cache-control: no-store`.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SignJWT, exportJWK, generateKeyPair, calculateJwkThumbprint, type CryptoKey, type JWK } from 'jose';
import type { EmulatorContext, EmulatorPluginOptions } from './context.js';
import { LogtoError } from './errors.js';
import type { EmulatorUser, JsonObject, LogPayload } from './state.js';

// ---------------------------------------------------------------------------------------------
// Signing keys

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function generateSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const jwk = await exportJWK(publicKey);
  // Logto's kid is the JWK thumbprint (43 chars base64url; 01-oidc-jwks).
  const kid = await calculateJwkThumbprint(jwk);
  const publicJwk: JWK = { kty: 'EC', use: 'sig', kid, alg: 'ES384', crv: jwk.crv, x: jwk.x, y: jwk.y } as JWK;
  return { kid, privateKey, publicJwk };
}

/** Options of `LogtoEmulator.mintUserToken`. */
export interface MintTokenOptions {
  sub?: string;
  /** Leave the `sub` claim out entirely (for "token without subject" tests). */
  omitSub?: boolean;
  scopes?: string[];
  audience?: string | string[];
  ttlSeconds?: number;
  clientId?: string;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** `nbf` claim, epoch seconds. */
  notBefore?: number;
  issuer?: string;
}

/** Options of `LogtoEmulator.mintIdToken`: an ID token as Logto issues it at the end of a sign-in. */
export interface MintIdTokenOptions {
  sub: string;
  /** The client id of the app that signed the user in (Logto's `aud` of an ID token). */
  audience: string;
  /** When the user signed in (`auth_time`), epoch seconds; default now. */
  authTime?: number;
  /** `iat`, epoch seconds; default now. */
  issuedAt?: number;
  /** Lifetime from `iat` (Logto: 3600). */
  ttlSeconds?: number;
  issuer?: string;
  /** Extra or replaced claims (e.g. a profile), and header parameters. */
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  /** The access token issued with it: `at_hash` is computed from it (random otherwise). */
  accessToken?: string;
}

export interface AuthorizationCodeInput {
  userId: string;
  clientId: string;
  redirectUri: string;
  /** Resource indicator the access token is for; default the first configured API resource. */
  resource?: string;
  /** Resource scopes granted (the `scope` of the access token). */
  scopes?: string[];
  /** Several resource indicators (`resource` repeated in the sign-in request); overrides `resource`. */
  resources?: string[];
  /** S256 PKCE challenge; when set the token request must carry the matching `code_verifier`. */
  codeChallenge?: string;
  /**
   * OIDC scopes of the sign-in (`openid profile email ...`); with `openid` the token response has an ID token, with
   * `offline_access` a refresh token. Default: openid, offline_access, profile, email, phone.
   */
  oidcScopes?: string[];
  /** The grant the sign-in created (`state.grants`): its revocation ends the refresh tokens issued from the code. */
  grantId?: string;
  /** When the user signed in (`auth_time`), epoch seconds; default now. */
  authTime?: number;
  /**
   * Whether a token request without `resource` still gets a JWT for `resource` (codes issued through
   * `issueAuthorizationCode`, as before). Codes from the /oidc/auth sign-in follow Logto: without `resource` the
   * access token is an opaque one for /oidc/me only.
   */
  defaultResource?: boolean;
}

interface PendingAuthorizationCode {
  userId: string;
  clientId: string;
  redirectUri: string;
  resources: string[];
  scopes: string[];
  codeChallenge?: string;
  oidcScopes: string[];
  grantId?: string;
  authTime: number;
  defaultResource: boolean;
  expiresAt: number;
  consumed: boolean;
}

/** A refresh token of a sign-in (one per rotation; the old one is consumed when used). */
export interface RefreshTokenRecord {
  userId: string;
  clientId: string;
  oidcScopes: string[];
  /** Resource indicator -> resource scopes the sign-in authorized. */
  resources: Record<string, string[]>;
  grantId?: string;
  authTime: number;
  expiresAt: number;
  consumed: boolean;
  /** Every refresh token rotated from one code shares this; reusing a consumed one revokes the whole family. */
  family: string;
}

/** An opaque access token (issued when no resource is asked for): only /oidc/me accepts it. */
export interface OpaqueAccessToken {
  userId: string;
  clientId: string;
  scopes: string[];
  expiresAt: number;
}

/** The scopes Logto's OIDC provider knows; anything else in a sign-in request is an API resource scope. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set([
  'openid', 'offline_access', 'profile', 'email', 'phone', 'address', 'custom_data', 'identities', 'roles',
  'urn:logto:scope:organizations', 'urn:logto:scope:organization_roles', 'urn:logto:scope:sessions',
]);
const DEFAULT_OIDC_SCOPES = ['openid', 'offline_access', 'profile', 'email', 'phone'];
/** Logto's refresh token TTL (14 days) and its user access token TTL for a resource (3600 s). */
const REFRESH_TOKEN_TTL_MS = 14 * 24 * 60 * 60 * 1000;
export const USER_ACCESS_TOKEN_TTL_SECONDS = 3600;
/** Bounds of the in-memory stores: the oldest entries go first. */
const MAX_STORED = 10_000;

function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  while (map.size > MAX_STORED) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}

/** Keys, issued M2M tokens and authorization codes of one emulator. */
export class OidcProvider {
  /** First entry is the current signing key; the rest are still published in the JWKS. */
  private keys: SigningKey[] = [];
  private readonly issuedM2MJtis = new Set<string>();
  readonly revokedJtis = new Set<string>();
  private readonly authorizationCodes = new Map<string, PendingAuthorizationCode>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly opaqueTokens = new Map<string, OpaqueAccessToken>();

  constructor(private readonly ctx: () => EmulatorContext) {}

  async init(): Promise<void> {
    this.keys = [await generateSigningKey()];
  }

  get currentKey(): SigningKey {
    const key = this.keys[0];
    if (!key) throw new Error('The emulator has no signing key');
    return key;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk })) };
  }

  async rotate(keepPrevious = true): Promise<void> {
    const next = await generateSigningKey();
    this.keys = keepPrevious ? [next, ...this.keys] : [next];
  }

  removeKey(kid: string): void {
    this.keys = this.keys.filter((key) => key.kid !== kid);
  }

  revokeM2MTokens(): void {
    for (const jti of this.issuedM2MJtis) this.revokedJtis.add(jti);
  }

  private nowSeconds(): number {
    return Math.floor(this.ctx().now() / 1000);
  }

  /** Signs `payload` with the current key as an access token (`typ: at+jwt`). */
  async sign(payload: Record<string, unknown>, header: Record<string, unknown> = {}, typ = 'at+jwt'): Promise<string> {
    const key = this.currentKey;
    return new SignJWT(payload).setProtectedHeader({ alg: 'ES384', typ, kid: key.kid, ...header }).sign(key.privateKey);
  }

  /** Claims in the order Logto writes them (01-oidc-m2m-access-token-decoded). */
  async mintAccessToken(o: MintTokenOptions & { jti?: string }): Promise<{ token: string; jti: string }> {
    const ctx = this.ctx();
    const iat = this.nowSeconds();
    const jti = o.jti ?? randomBytes(32).toString('base64url');
    const payload: Record<string, unknown> = { jti };
    if (!o.omitSub) payload.sub = o.sub ?? DEFAULT_USER_SUB;
    payload.iat = iat;
    payload.exp = iat + (o.ttlSeconds ?? 3600);
    if (o.notBefore !== undefined) payload.nbf = o.notBefore;
    if (o.scopes && o.scopes.length > 0) payload.scope = o.scopes.join(' ');
    payload.client_id = o.clientId ?? DEFAULT_USER_CLIENT_ID;
    payload.iss = o.issuer ?? ctx.issuer;
    payload.aud = o.audience ?? ctx.apiResources[0] ?? ctx.managementResource;
    Object.assign(payload, o.claims ?? {});
    return { token: await this.sign(payload, o.header), jti };
  }

  /**
   * An ID token in the shape of 01-oidc-user-id-token-decoded (typ JWT, aud = client id, no jti), signed with the
   * current key. `profile` holds the user's claims as Logto writes them before `auth_time`.
   */
  async mintIdToken(o: MintIdTokenOptions, profile: Record<string, unknown> = {}): Promise<string> {
    const ctx = this.ctx();
    const now = this.nowSeconds();
    const iat = o.issuedAt ?? now;
    const payload: Record<string, unknown> = {
      sub: o.sub,
      ...profile,
      auth_time: o.authTime ?? now,
      at_hash: o.accessToken === undefined ? randomBytes(24).toString('base64url') : accessTokenHash(o.accessToken),
      aud: o.audience,
      exp: iat + (o.ttlSeconds ?? 3600),
      iat,
      iss: o.issuer ?? ctx.issuer,
      ...o.claims,
    };
    return this.sign(payload, o.header, 'JWT');
  }

  async mintM2MToken(resource: string, scopes: string[]): Promise<string> {
    const ctx = this.ctx();
    const { token, jti } = await this.mintAccessToken({
      sub: ctx.m2mAppId,
      clientId: ctx.m2mAppId,
      audience: resource,
      scopes,
      ttlSeconds: ctx.m2mTokenTtlSeconds,
    });
    this.issuedM2MJtis.add(jti);
    return token;
  }

  issueAuthorizationCode(input: AuthorizationCodeInput): string {
    const ctx = this.ctx();
    const code = randomBytes(32).toString('base64url');
    remember(this.authorizationCodes, code, {
      userId: input.userId,
      clientId: input.clientId,
      redirectUri: input.redirectUri,
      resources: input.resources ?? [input.resource ?? ctx.apiResources[0] ?? ctx.managementResource],
      scopes: input.scopes ?? [],
      codeChallenge: input.codeChallenge,
      oidcScopes: input.oidcScopes ?? DEFAULT_OIDC_SCOPES,
      grantId: input.grantId,
      authTime: input.authTime ?? this.nowSeconds(),
      defaultResource: input.defaultResource ?? true,
      // oidc-provider's default authorization code TTL is 60 s.
      expiresAt: ctx.now() + 60_000,
      consumed: false,
    });
    return code;
  }

  /**
   * The code and why it cannot be redeemed (oidc-provider's error descriptions). A code is single use: the first
   * lookup consumes it; a second one revokes what the first issued, as oidc-provider does on code replay.
   */
  redeemAuthorizationCode(code: string): { pending: PendingAuthorizationCode } | { problem: string } {
    const pending = this.authorizationCodes.get(code);
    if (!pending) return { problem: 'authorization code not found' };
    if (pending.consumed) {
      this.authorizationCodes.delete(code);
      this.revokeFamily(`code:${code}`);
      return { problem: 'authorization code already consumed' };
    }
    pending.consumed = true;
    if (pending.expiresAt <= this.ctx().now()) return { problem: 'authorization code is expired' };
    return { pending };
  }

  issueRefreshToken(record: Omit<RefreshTokenRecord, 'consumed' | 'expiresAt'>): string {
    const token = randomBytes(32).toString('base64url');
    remember(this.refreshTokens, token, { ...record, consumed: false, expiresAt: this.ctx().now() + REFRESH_TOKEN_TTL_MS });
    return token;
  }

  refreshToken(token: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.get(token);
  }

  /** Ends a refresh token family (replay of a consumed token or code, revocation). */
  revokeFamily(family: string): void {
    for (const [token, record] of this.refreshTokens) {
      if (record.family === family) this.refreshTokens.delete(token);
    }
  }

  revokeRefreshToken(token: string, clientId: string): void {
    const record = this.refreshTokens.get(token);
    if (record && record.clientId === clientId) this.refreshTokens.delete(token);
  }

  issueOpaqueAccessToken(record: Omit<OpaqueAccessToken, 'expiresAt'>): string {
    const token = randomBytes(32).toString('base64url');
    remember(this.opaqueTokens, token, { ...record, expiresAt: this.ctx().now() + USER_ACCESS_TOKEN_TTL_SECONDS * 1000 });
    return token;
  }

  opaqueAccessToken(token: string): OpaqueAccessToken | undefined {
    const record = this.opaqueTokens.get(token);
    if (!record || record.expiresAt <= this.ctx().now()) return undefined;
    return record;
  }
}

/** OIDC `at_hash`: the left half of the SHA-384 digest (ES384) of the access token, base64url. */
export function accessTokenHash(accessToken: string): string {
  const digest = createHash('sha384').update(accessToken).digest();
  return digest.subarray(0, digest.length / 2).toString('base64url');
}

/** Defaults of `mintUserToken` when the test does not care. */
const DEFAULT_USER_CLIENT_ID = 'emulator-spa-app';
const DEFAULT_USER_SUB = 'emulator-user';

// ---------------------------------------------------------------------------------------------
// OIDC errors

const OIDC_MESSAGES: Record<string, string> = {
  invalid_target: 'Invalid resource indicator.',
  invalid_request: 'Request is invalid.',
  unsupported_grant_type: 'Unsupported `grant_type` requested.',
  invalid_grant: 'Grant request is invalid.',
  invalid_scope: 'Scope is invalid.',
};

export function oidcError(status: number, error: string, description: string, headers: Record<string, string> = {}): LogtoError {
  return new LogtoError(
    status,
    {
      code: `oidc.${error}`,
      message: OIDC_MESSAGES[error] ?? `An OIDC error occurred: oidc.${error}.`,
      error,
      error_description: description,
    },
    { 'cache-control': 'no-store', ...headers },
  );
}

// ---------------------------------------------------------------------------------------------
// Routes

/** Discovery document with the recorded key order and values (01-oidc-discovery). */
function discoveryDocument(issuer: string): Record<string, unknown> {
  return {
    authorization_endpoint: `${issuer}/auth`,
    device_authorization_endpoint: `${issuer}/device/auth`,
    claims_parameter_supported: false,
    claims_supported: [
      'sub', 'name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile',
      'picture', 'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at', 'username', 'created_at',
      'email', 'email_verified', 'phone_number', 'phone_number_verified', 'address', 'custom_data', 'identities',
      'sso_identities', 'roles', 'organizations', 'organization_data', 'organization_roles', 'sid', 'auth_time', 'iss',
    ],
    code_challenge_methods_supported: ['S256'],
    end_session_endpoint: `${issuer}/session/end`,
    grant_types_supported: [
      'implicit', 'authorization_code', 'refresh_token', 'client_credentials',
      'urn:ietf:params:oauth:grant-type:device_code', 'urn:ietf:params:oauth:grant-type:token-exchange',
    ],
    issuer,
    jwks_uri: `${issuer}/jwks`,
    authorization_response_iss_parameter_supported: true,
    response_modes_supported: ['form_post', 'fragment', 'query'],
    response_types_supported: ['code id_token', 'code', 'id_token', 'none'],
    scopes_supported: [
      'openid', 'offline_access', 'profile', 'email', 'phone', 'address', 'custom_data', 'identities', 'roles',
      'urn:logto:scope:organizations', 'urn:logto:scope:organization_roles', 'urn:logto:scope:sessions',
    ],
    subject_types_supported: ['public'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_jwt', 'client_secret_post', 'private_key_jwt', 'none'],
    token_endpoint_auth_signing_alg_values_supported: ['HS256', 'RS256', 'PS256', 'ES256', 'EdDSA'],
    token_endpoint: `${issuer}/token`,
    id_token_signing_alg_values_supported: ['ES384'],
    pushed_authorization_request_endpoint: `${issuer}/request`,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${issuer}/me`,
    introspection_endpoint: `${issuer}/token/introspection`,
    revocation_endpoint: `${issuer}/token/revocation`,
    backchannel_logout_supported: true,
    backchannel_logout_session_supported: true,
    claim_types_supported: ['normal'],
  };
}

function formValue(form: Record<string, unknown>, key: string): string | undefined {
  const value = form[key];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

interface ClientCredentials {
  clientId: string;
  clientSecret?: string;
  method: 'basic' | 'post' | 'none';
}

/** HTTP Basic (RFC 6749 §2.3.1: id and secret are form-urlencoded) or client_id/client_secret in the body. */
function readClientCredentials(request: FastifyRequest, form: Record<string, unknown>): ClientCredentials | undefined {
  const header = request.headers.authorization;
  if (header && /^basic /i.test(header)) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon === -1) throw oidcError(400, 'invalid_request', 'invalid authorization header value format');
    const decode = (part: string): string => decodeURIComponent(part.replace(/\+/g, ' '));
    return { clientId: decode(decoded.slice(0, colon)), clientSecret: decode(decoded.slice(colon + 1)), method: 'basic' };
  }
  const clientId = formValue(form, 'client_id');
  if (clientId === undefined) return undefined;
  const clientSecret = formValue(form, 'client_secret');
  return { clientId, clientSecret, method: clientSecret === undefined ? 'none' : 'post' };
}

/** Token-endpoint log entry (10-logs-client-credentials): success and failure are both logged. */
function logTokenRequest(
  ctx: EmulatorContext,
  request: FastifyRequest,
  key: string,
  applicationId: string | undefined,
  form: Record<string, unknown>,
  extra: Partial<LogPayload>,
): void {
  const params: JsonObject = {};
  for (const [name, value] of Object.entries(form)) {
    if (typeof value === 'string') params[name] = ['client_secret', 'code', 'code_verifier', 'refresh_token'].includes(name) ? '******' : value;
  }
  const payload: LogPayload = {
    key,
    result: 'Success',
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
    userAgentParsed: { ua: request.headers['user-agent'] ?? '', browser: {}, device: {}, engine: {}, os: {}, cpu: {} },
    ...(applicationId === undefined ? {} : { applicationId }),
    params,
    ...extra,
  };
  ctx.state.addLog({ key, payload });
}

/**
 * Logto logs a token-endpoint failure as the oidc-provider error object in a JSON string: the error class's name
 * (`invalid_target` → InvalidTarget) in `name` and at the head of `stack`, `allow_redirect` before `name`, and
 * ", " / ": " between members, as recorded in 10-logs-client-credentials.
 */
function serialiseOidcError(error: LogtoError): string {
  const code = String(error.body.error);
  const className = code.replace(/(?:^|_)([a-z])/g, (_whole, letter: string) => letter.toUpperCase());
  const members: Array<[string, unknown]> = [
    ['stack', `${className}: ${code}\n    <stack trace omitted>`],
    ['message', code],
    ['allow_redirect', true],
    ['name', className],
    ['error', code],
    ['status', error.status],
    ['statusCode', error.status],
    ['expose', true],
    ['error_description', error.body.error_description],
  ];
  return `{${members.filter(([, value]) => value !== undefined).map(([name, value]) => `${JSON.stringify(name)}: ${JSON.stringify(value)}`).join(', ')}}`;
}

function sendTokenResponse(reply: FastifyReply, body: Record<string, unknown>): void {
  void reply.header('cache-control', 'no-store').code(200).send(body);
}

export async function oidcRoutes(app: import('fastify').FastifyInstance, options: EmulatorPluginOptions): Promise<void> {
  const { ctx } = options;
  const oidc = (): OidcProvider => ctx.oidc;

  app.get('/oidc/.well-known/openid-configuration', async () => discoveryDocument(ctx.issuer));

  app.get('/oidc/jwks', async (_request, reply) => {
    // 01-oidc-jwks: media type and cache headers as recorded.
    void reply
      .header('content-type', 'application/jwk-set+json; charset=utf-8')
      .header('cache-control', 'no-cache, max-age=0, must-revalidate');
    return JSON.stringify(oidc().jwks());
  });

  app.post('/oidc/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, unknown>;
    const grantType = formValue(form, 'grant_type');
    if (grantType === undefined || grantType === '') {
      throw oidcError(400, 'invalid_request', "missing required parameter 'grant_type'");
    }
    if (grantType !== 'client_credentials' && grantType !== 'authorization_code' && grantType !== 'refresh_token') {
      throw oidcError(400, 'unsupported_grant_type', 'unsupported grant_type requested');
    }
    const credentials = readClientCredentials(request, form);
    if (credentials === undefined) {
      throw oidcError(400, 'invalid_request', 'no client authentication mechanism provided');
    }

    if (grantType === 'client_credentials') {
      await handleClientCredentials(ctx, oidc(), request, reply, form, credentials);
      return reply;
    }
    if (grantType === 'refresh_token') await handleRefreshToken(ctx, oidc(), request, reply, form, credentials);
    else await handleAuthorizationCode(ctx, oidc(), request, reply, form, credentials);
    return reply;
  });
}

async function handleClientCredentials(
  ctx: EmulatorContext,
  oidc: OidcProvider,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Record<string, unknown>,
  credentials: ClientCredentials,
): Promise<void> {
  const key = 'ExchangeTokenBy.ClientCredentials';
  if (credentials.clientId !== ctx.m2mAppId) {
    // 01-oidc-token-client-credentials-unknown-client: 400 (not 401), no WWW-Authenticate.
    throw oidcError(400, 'invalid_client', `invalid client ${credentials.clientId}`);
  }
  const given = credentials.clientSecret;
  const secretName = given === undefined ? undefined : [...ctx.m2mAppSecrets].find(([, value]) => safeEqual(given, value))?.[0];
  const fail = (error: LogtoError, authenticated = true): LogtoError => {
    logTokenRequest(ctx, request, key, ctx.m2mAppId, form, {
      result: 'Error',
      error: serialiseOidcError(error),
      tokenTypes: [],
      // 10-logs-client-credentials: failures after client authentication name the secret used.
      ...(authenticated && secretName !== undefined ? { applicationSecret: { name: secretName } } : {}),
    });
    return error;
  };
  if (secretName === undefined) {
    // 01-oidc-token-client-credentials-wrong-secret: 401 with a Basic challenge naming the issuer.
    throw fail(
      oidcError(401, 'invalid_client', 'client authentication failed', {
        'www-authenticate': `Basic realm="${ctx.issuer}", error="invalid_client", error_description="client authentication failed"`,
      }),
      false,
    );
  }
  const resource = formValue(form, 'resource');
  if (resource === undefined) {
    throw fail(oidcError(400, 'invalid_target', 'both `resource` and `organization_id` are not provided'));
  }
  const isManagement = resource === ctx.managementResource;
  if (!isManagement && !ctx.apiResources.includes(resource)) {
    throw fail(oidcError(400, 'invalid_target', 'resource indicator is missing, or unknown'));
  }
  const requested = (formValue(form, 'scope') ?? '').split(' ').filter((scope) => scope !== '');
  // 01-oidc-token-client-credentials-unknown-scope: scopes the app does not have are dropped silently.
  const granted = isManagement ? requested.filter((scope) => scope === 'all' && ctx.m2mManagementAccess.granted) : [...new Set(requested)];
  const token = await oidc.mintM2MToken(resource, granted);
  logTokenRequest(ctx, request, key, ctx.m2mAppId, form, {
    ...(granted.length > 0 ? { scope: granted.join(' ') } : {}),
    tokenTypes: ['AccessToken'],
    applicationSecret: { name: secretName },
  });
  const body: Record<string, unknown> = { access_token: token, expires_in: ctx.m2mTokenTtlSeconds, token_type: 'Bearer' };
  // 01-oidc-token-client-credentials-no-scope: no `scope` field when nothing was granted.
  if (granted.length > 0) body.scope = granted.join(' ');
  sendTokenResponse(reply, body);
}

async function handleAuthorizationCode(
  ctx: EmulatorContext,
  oidc: OidcProvider,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Record<string, unknown>,
  credentials: ClientCredentials,
): Promise<void> {
  const code = formValue(form, 'code');
  if (code === undefined) throw oidcError(400, 'invalid_request', "missing required parameter 'code'");
  const redirectUri = formValue(form, 'redirect_uri');
  if (redirectUri === undefined) throw oidcError(400, 'invalid_request', "missing required parameter 'redirect_uri'");
  const redeemed = oidc.redeemAuthorizationCode(code);
  if ('problem' in redeemed) throw oidcError(400, 'invalid_grant', redeemed.problem);
  const { pending } = redeemed;
  if (pending.clientId !== credentials.clientId) throw oidcError(400, 'invalid_grant', 'client mismatch');
  if (redirectUri !== pending.redirectUri) throw oidcError(400, 'invalid_grant', 'authorization code redirect_uri mismatch');
  if (pending.codeChallenge !== undefined) {
    const verifier = formValue(form, 'code_verifier');
    const challenge = verifier === undefined ? undefined : createHash('sha256').update(verifier).digest('base64url');
    if (challenge !== pending.codeChallenge) throw oidcError(400, 'invalid_grant', 'PKCE verification failed');
  }
  const requested = formValue(form, 'resource');
  if (requested !== undefined && !pending.resources.includes(requested)) {
    throw oidcError(400, 'invalid_target', 'resource indicator is missing, or unknown');
  }
  if (pending.grantId !== undefined && !ctx.state.grants.has(pending.grantId)) throw oidcError(400, 'invalid_grant', 'grant not found');
  const user = ctx.state.users.get(pending.userId);
  if (!user) throw oidcError(400, 'invalid_grant', 'grant request is invalid');

  const resource = requested ?? (pending.defaultResource ? pending.resources[0] : undefined);
  const body = await issueUserTokens(oidc, {
    user,
    clientId: pending.clientId,
    oidcScopes: pending.oidcScopes,
    resources: Object.fromEntries(pending.resources.map((indicator) => [indicator, pending.scopes])),
    grantId: pending.grantId,
    authTime: pending.authTime,
    family: `code:${code}`,
    resource,
    withRefreshToken: true,
  });
  logUserTokens(ctx, request, 'ExchangeTokenBy.AuthorizationCode', user.id, pending.clientId, form, body);
  sendTokenResponse(reply, body);
}

/**
 * `refresh_token` grant as Logto runs it for a public (SPA) client: the refresh token rotates on every use, a reused
 * one ends its whole family, and `resource` asks for a JWT access token for that API resource with the scopes the
 * sign-in authorized for it (without `resource`: an opaque token for /oidc/me).
 */
async function handleRefreshToken(
  ctx: EmulatorContext,
  oidc: OidcProvider,
  request: FastifyRequest,
  reply: FastifyReply,
  form: Record<string, unknown>,
  credentials: ClientCredentials,
): Promise<void> {
  const token = formValue(form, 'refresh_token');
  if (token === undefined) throw oidcError(400, 'invalid_request', "missing required parameter 'refresh_token'");
  const record = oidc.refreshToken(token);
  if (!record) throw oidcError(400, 'invalid_grant', 'refresh token not found');
  if (record.clientId !== credentials.clientId) throw oidcError(400, 'invalid_grant', 'client mismatch');
  if (record.consumed) {
    oidc.revokeFamily(record.family);
    throw oidcError(400, 'invalid_grant', 'refresh token already used');
  }
  if (record.expiresAt <= ctx.now()) throw oidcError(400, 'invalid_grant', 'refresh token is expired');
  if (record.grantId !== undefined && !ctx.state.grants.has(record.grantId)) {
    oidc.revokeFamily(record.family);
    throw oidcError(400, 'invalid_grant', 'grant not found');
  }
  const user = ctx.state.users.get(record.userId);
  if (!user || user.isSuspended) throw oidcError(400, 'invalid_grant', 'grant request is invalid');
  const resource = formValue(form, 'resource');
  if (resource !== undefined && record.resources[resource] === undefined) {
    throw oidcError(400, 'invalid_target', 'resource indicator is missing, or unknown');
  }
  if (formValue(form, 'organization_id') !== undefined) {
    throw oidcError(400, 'invalid_target', 'organization tokens are not emulated');
  }
  const scope = formValue(form, 'scope');
  const granted = resource === undefined ? record.oidcScopes : (record.resources[resource] ?? []);
  const asked = scope === undefined ? undefined : scope.split(' ').filter((entry) => entry !== '');
  if (asked !== undefined && asked.some((entry) => !granted.includes(entry))) {
    throw oidcError(400, 'invalid_scope', 'refresh token missing requested scope');
  }
  record.consumed = true;
  const body = await issueUserTokens(oidc, {
    user,
    clientId: record.clientId,
    oidcScopes: record.oidcScopes,
    resources: record.resources,
    grantId: record.grantId,
    authTime: record.authTime,
    family: record.family,
    resource,
    resourceScopes: asked,
    withRefreshToken: true,
  });
  logUserTokens(ctx, request, 'ExchangeTokenBy.RefreshToken', user.id, record.clientId, form, body);
  sendTokenResponse(reply, body);
}

/** 10-logs-by-application: a user token exchange is logged with the user, the app and the tokens issued. */
function logUserTokens(
  ctx: EmulatorContext,
  request: FastifyRequest,
  key: string,
  userId: string,
  clientId: string,
  form: Record<string, unknown>,
  body: Record<string, unknown>,
): void {
  const tokenTypes = ['AccessToken', ...(body.refresh_token === undefined ? [] : ['RefreshToken']), ...(body.id_token === undefined ? [] : ['IdToken'])];
  logTokenRequest(ctx, request, key, clientId, form, {
    userId,
    ...(typeof body.scope === 'string' ? { scope: body.scope } : {}),
    tokenTypes,
  });
}

interface UserTokenInput {
  user: EmulatorUser;
  clientId: string;
  oidcScopes: string[];
  resources: Record<string, string[]>;
  grantId?: string;
  authTime: number;
  family: string;
  /** The API resource the access token is for; none: an opaque token for /oidc/me. */
  resource?: string;
  /** A narrower set of the resource's scopes (`scope` of a refresh request). */
  resourceScopes?: string[];
  withRefreshToken: boolean;
}

/** A token response in the recorded key order (01-oidc-token-authorization-code-success). */
async function issueUserTokens(oidc: OidcProvider, input: UserTokenInput): Promise<Record<string, unknown>> {
  const { user, clientId, resource } = input;
  let accessToken: string;
  let scopes: string[];
  if (resource === undefined) {
    scopes = input.oidcScopes;
    accessToken = oidc.issueOpaqueAccessToken({ userId: user.id, clientId, scopes });
  } else {
    scopes = input.resourceScopes ?? input.resources[resource] ?? [];
    accessToken = (await oidc.mintAccessToken({ sub: user.id, clientId, audience: resource, scopes, ttlSeconds: USER_ACCESS_TOKEN_TTL_SECONDS })).token;
  }
  const body: Record<string, unknown> = { access_token: accessToken, expires_in: USER_ACCESS_TOKEN_TTL_SECONDS };
  if (input.oidcScopes.includes('openid')) {
    body.id_token = await oidc.mintIdToken(
      { sub: user.id, audience: clientId, authTime: input.authTime, accessToken },
      idTokenProfile(user, input.oidcScopes),
    );
  }
  if (input.withRefreshToken && input.oidcScopes.includes('offline_access')) {
    body.refresh_token = oidc.issueRefreshToken({
      userId: user.id,
      clientId,
      oidcScopes: input.oidcScopes,
      resources: input.resources,
      grantId: input.grantId,
      authTime: input.authTime,
      family: input.family,
    });
  }
  if (scopes.length > 0) body.scope = scopes.join(' ');
  body.token_type = 'Bearer';
  return body;
}

/**
 * The profile claims of an ID token, in Logto's order (they come between `sub` and `auth_time`): `profile` gives the
 * name, picture, username and dates, `email` and `phone` their pairs. Without `scopes`, all of them.
 */
export function idTokenProfile(user: EmulatorUser, scopes?: readonly string[]): Record<string, unknown> {
  const has = (scope: string): boolean => scopes === undefined || scopes.includes(scope);
  const claims: Record<string, unknown> = {};
  if (has('profile')) {
    Object.assign(claims, {
      name: user.name,
      preferred_username: user.username,
      picture: user.avatar,
      updated_at: user.updatedAt,
      username: user.username,
      created_at: user.createdAt,
    });
  }
  if (has('email')) Object.assign(claims, { email: user.primaryEmail, email_verified: user.primaryEmail !== null });
  if (has('phone')) Object.assign(claims, { phone_number: user.primaryPhone, phone_number_verified: user.primaryPhone !== null });
  return claims;
}
