/**
 * An in-memory stand-in for Logto OSS 1.41.0: the OIDC endpoints and the Management API routes
 * this service uses, with the paths, validation, bodies, statuses and error codes recorded in
 * ../shared/logto/exchanges. For tests and `npm run demo` only; production code never imports it.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { EmulatorContext } from './context.js';
import { LogtoError, malformedJson } from './errors.js';
import { FaultInjector, isFaultAnswer, type FaultSpec } from './faults.js';
import { authenticateManagementRequest } from './management-auth.js';
import { idTokenProfile, OidcProvider, type AuthorizationCodeInput, type MintIdTokenOptions, type MintTokenOptions, type SigningKey } from './oidc.js';
import { emulatorRoutes } from './routes/index.js';
import { registerSpaApp, type SpaAppRegistration } from './sign-in.js';
import * as accounts from './seed-accounts.js';
import { EmulatorState, type EmulatorUser, type UserInput, type OutboxMessage } from './state.js';
import { WebhookDispatcher, type WebhookConfig, type WebhookDelivery } from './webhooks.js';

export interface LogtoEmulatorOptions {
  /** default '127.0.0.1' */
  host?: string;
  /** default 0 (random free port) */
  port?: number;
  /** default 'emulator-m2m-app' */
  m2mAppId?: string;
  /** default: random */
  m2mAppSecret?: string;
  /** default 'https://default.logto.app/api' */
  managementResource?: string;
  /** Extra API resource indicators user tokens may be issued for; default ['https://account.example.test']. */
  apiResources?: string[];
  /** Clock in ms for token iat/exp checks and code/rate windows; default Date.now. */
  now?: () => number;
  /** default 3600 */
  m2mTokenTtlSeconds?: number;
  /** Single-page apps users may sign in to through /oidc/auth (also `registerSpaApp`). */
  spaApps?: SpaAppRegistration[];
}

export interface EmulatorCounters {
  tokenRequests: number;
  jwksFetches: number;
  discoveryFetches: number;
  managementCalls: number;
  /** TCP connections accepted: how well a client reuses its keep-alive connections. */
  connections: number;
  /** e.g. `'GET /api/users/:userId'` */
  byRoute: Record<string, number>;
}

/** One entry of `LogtoEmulator.routeTable`: `url` keeps Fastify's `:param` placeholders. */
export interface EmulatorRoute {
  method: string;
  url: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | undefined>;
}

const MAX_RECORDED_REQUESTS = 1000;

function emptyCounters(): EmulatorCounters {
  return { tokenRequests: 0, jwksFetches: 0, discoveryFetches: 0, managementCalls: 0, connections: 0, byRoute: {} };
}

/** The name Logto gives the secret created with an application. */
const DEFAULT_SECRET_NAME = 'Default secret';

export class LogtoEmulator {
  readonly m2mAppId: string;
  readonly m2mAppSecret: string;
  readonly managementResource: string;
  readonly apiResources: readonly string[];
  readonly state: EmulatorState;
  readonly counters: EmulatorCounters = emptyCounters();
  readonly requests: RecordedRequest[] = [];
  /** The default mock e-mail, SMS and social connectors (seed-accounts.ts). */
  connectorIds!: accounts.DefaultConnectorIds;

  private readonly host: string;
  private port: number;
  private readonly now: () => number;
  private readonly m2mTokenTtlSeconds: number;
  private readonly oidc: OidcProvider;
  private readonly faults = new FaultInjector();
  private readonly ctx: EmulatorContext;
  private readonly webhooks: WebhookDispatcher;
  private app: FastifyInstance | undefined;
  private routes: EmulatorRoute[] = [];

  private constructor(options: LogtoEmulatorOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.now = options.now ?? Date.now;
    this.m2mAppId = options.m2mAppId ?? 'emulator-m2m-app';
    this.m2mAppSecret = options.m2mAppSecret ?? randomBytes(24).toString('base64url');
    this.managementResource = options.managementResource ?? 'https://default.logto.app/api';
    this.apiResources = options.apiResources ?? ['https://account.example.test'];
    this.m2mTokenTtlSeconds = options.m2mTokenTtlSeconds ?? 3600;
    this.state = new EmulatorState(this.now);
    this.oidc = new OidcProvider(() => this.ctx);
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const emulator = this;
    this.ctx = {
      state: this.state,
      now: this.now,
      get endpoint() {
        return emulator.endpoint;
      },
      get issuer() {
        return emulator.issuer;
      },
      managementResource: this.managementResource,
      apiResources: this.apiResources,
      m2mAppId: this.m2mAppId,
      m2mAppSecret: this.m2mAppSecret,
      m2mAppSecrets: new Map([[DEFAULT_SECRET_NAME, this.m2mAppSecret]]),
      m2mManagementAccess: { granted: true },
      m2mTokenTtlSeconds: this.m2mTokenTtlSeconds,
      oidc: this.oidc,
      spaApps: new Map(),
    };
    this.webhooks = new WebhookDispatcher(this.ctx);
  }

  static async start(options: LogtoEmulatorOptions = {}): Promise<LogtoEmulator> {
    const emulator = new LogtoEmulator(options);
    await emulator.oidc.init();
    emulator.state.applications.set(emulator.m2mAppId, {
      id: emulator.m2mAppId,
      name: 'Emulator M2M app',
      type: 'MachineToMachine',
      isThirdParty: false,
      secret: emulator.m2mAppSecret,
    });
    emulator.connectorIds = accounts.seedDefaultConnectors(emulator.ctx);
    for (const spa of options.spaApps ?? []) emulator.registerSpaApp(spa);
    await emulator.listen();
    return emulator;
  }

  /** `http://127.0.0.1:<port>` */
  get endpoint(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** `${endpoint}/oidc` */
  get issuer(): string {
    return `${this.endpoint}/oidc`;
  }

  get outbox(): OutboxMessage[] {
    return this.state.outbox;
  }

  /**
   * Every route the emulator serves (HEAD twins of GET routes included), in registration order;
   * filled when the server listens. Lets tests cover each route without keeping a list of their own.
   */
  get routeTable(): readonly EmulatorRoute[] {
    return this.routes;
  }

  // -------------------------------------------------------------------------------------------
  // Lifecycle

  private async listen(): Promise<void> {
    const app = this.buildApp();
    app.server.on('connection', () => {
      this.counters.connections += 1;
    });
    await app.listen({ host: this.host, port: this.port });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('Emulator did not bind a TCP port');
    this.port = address.port;
    this.app = app;
  }

  /** Stops listening (connections are refused) but keeps all state; `restart()` re-listens on the same port. */
  async stop(): Promise<void> {
    const app = this.app;
    this.app = undefined;
    if (app) {
      // Drop keep-alive connections too, so clients really see Logto going away.
      app.server.closeAllConnections();
      await app.close();
    }
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.listen();
  }

  async close(): Promise<void> {
    // Deliveries in flight would otherwise outlive the emulator (and keep a test process from exiting).
    await this.webhooks.settled();
    await this.stop();
  }

  // -------------------------------------------------------------------------------------------
  // Tokens and keys

  /** An end-user access token (ES384, typ at+jwt) signed with the current key. */
  async mintUserToken(options: MintTokenOptions = {}): Promise<string> {
    return (await this.oidc.mintAccessToken(options)).token;
  }

  /**
   * Emulator extension: an ID token as Logto issues it after a sign-in (with the user's profile claims when the
   * user exists), e.g. after a fresh sign-in with `max_age` for the re-authentication step-up.
   */
  async mintIdToken(options: MintIdTokenOptions): Promise<string> {
    const user = this.state.users.get(options.sub);
    return this.oidc.mintIdToken(options, user ? idTokenProfile(user) : {});
  }

  currentSigningKey(): SigningKey {
    const key = this.oidc.currentKey;
    return { kid: key.kid, privateKey: key.privateKey, publicJwk: { ...key.publicJwk } };
  }

  /** A new key becomes current; the previous ones stay in the JWKS only when `keepPrevious` (default true). */
  async rotateSigningKey(options: { keepPrevious?: boolean } = {}): Promise<void> {
    await this.oidc.rotate(options.keepPrevious ?? true);
  }

  removeKey(kid: string): void {
    this.oidc.removeKey(kid);
  }

  /** Every M2M token issued so far is rejected by /api with 401 auth.unauthorized. */
  revokeM2MTokens(): void {
    this.oidc.revokeM2MTokens();
  }

  /**
   * Adds a secret to the M2M app, as `POST /api/applications/{id}/secrets` does, and returns its value: both the
   * old and the new secret authenticate until one is deleted (a zero-downtime rotation, docs/runbook.md).
   */
  addM2MSecret(name: string): string {
    if (this.ctx.m2mAppSecrets.has(name)) throw new Error(`M2M secret "${name}" exists`);
    const value = randomBytes(24).toString('base64url');
    this.ctx.m2mAppSecrets.set(name, value);
    return value;
  }

  /**
   * Deletes a secret, as `DELETE /api/applications/{id}/secrets/{name}` does. Tokens already issued with it stay
   * valid until they expire (they are JWTs); only new client-credentials requests with it are refused.
   */
  deleteM2MSecret(name: string): boolean {
    return this.ctx.m2mAppSecrets.delete(name);
  }

  /** Assigns or removes the M2M app's Management API access role (its `all` scope). */
  setM2MManagementAccess(granted: boolean): void {
    this.ctx.m2mManagementAccess.granted = granted;
  }

  /**
   * Registers (or replaces) a single-page app: its redirect URIs and post sign-out redirect URIs are the only ones
   * /oidc/auth and /oidc/session/end accept for it, as in Logto's console.
   */
  registerSpaApp(registration: SpaAppRegistration): void {
    registerSpaApp(this.ctx, registration);
  }

  /** Emulator extension: an authorization code redeemable at /oidc/token (grant_type=authorization_code). */
  issueAuthorizationCode(input: AuthorizationCodeInput): string {
    return this.oidc.issueAuthorizationCode(input);
  }

  // -------------------------------------------------------------------------------------------
  // State helpers

  seedUser(input: Partial<UserInput> & { password?: string } = {}): EmulatorUser {
    return this.state.createUser(input);
  }

  lastCode(to: string): string | undefined {
    for (let i = this.state.outbox.length - 1; i >= 0; i -= 1) {
      const message = this.state.outbox[i];
      if (message && message.to === to) return message.code;
    }
    return undefined;
  }

  // Account entities (implemented in seed-accounts.ts) -------------------------------------------

  /** A sign-in session of `userId` to `clientId` with its grant (08-sessions-list shape). */
  addSession(userId: string, input: accounts.SessionInput = {}): accounts.SeededSession {
    return accounts.addSession(this.ctx, userId, input);
  }

  /** A grant of `userId` for `clientId`, optionally authorized in `sessionId`. */
  addGrant(userId: string, input: accounts.GrantInput): ReturnType<typeof accounts.addGrant> {
    return accounts.addGrant(this.ctx, userId, input);
  }

  /** An MFA factor (Totp / BackupCode / WebAuthn) without the Management API's rules. */
  addMfaVerification(userId: string, input: accounts.MfaVerificationInput): ReturnType<typeof accounts.addMfaVerification> {
    return accounts.addMfaVerification(this.ctx, userId, input);
  }

  addOrganization(input: accounts.OrganizationInput): ReturnType<typeof accounts.addOrganization> {
    return accounts.addOrganization(this.ctx, input);
  }

  addOrganizationRole(input: { name: string; description?: string | null; id?: string }): ReturnType<typeof accounts.addOrganizationRole> {
    return accounts.addOrganizationRole(this.ctx, input);
  }

  /** `roles`: organization role ids or names (unknown names are created). */
  addUserToOrganization(userId: string, organizationId: string, roles: string[] = []): void {
    accounts.addUserToOrganization(this.ctx, userId, organizationId, roles);
  }

  linkSocialIdentity(userId: string, target: string, identity: { userId: string; details?: Record<string, unknown> }): void {
    accounts.linkSocialIdentity(this.ctx, userId, target, identity as Parameters<typeof accounts.linkSocialIdentity>[3]);
  }

  addSsoIdentity(userId: string, input: accounts.SsoIdentityInput): ReturnType<typeof accounts.addSsoIdentity> {
    return accounts.addSsoIdentity(this.ctx, userId, input);
  }

  removeConnector(connectorId: string): boolean {
    return accounts.removeConnector(this.ctx, connectorId);
  }

  /** Unloads a connector factory and its connectors (e.g. `'mock-social-connector'`). */
  removeConnectorFactory(factoryId: string): boolean {
    return accounts.removeConnectorFactory(this.ctx, factoryId);
  }

  stateDigest(): string {
    return this.state.digest();
  }

  setFault(fault: FaultSpec): void {
    this.faults.set(fault);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  // Webhooks (webhooks.ts) ----------------------------------------------------------------------

  /** Sets up the tenant's one webhook (undefined: none), as an admin would in the console. */
  configureWebhook(config: WebhookConfig | undefined): void {
    this.webhooks.configure(config);
  }

  /** Deliveries made so far (answered or failed), oldest first. */
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.webhooks.deliveries;
  }

  get webhookId(): string {
    return this.webhooks.hookId;
  }

  /** Resolves once every delivery started so far has been answered. */
  webhooksSettled(): Promise<void> {
    return this.webhooks.settled();
  }

  resetCounters(): void {
    Object.assign(this.counters, emptyCounters());
  }

  // -------------------------------------------------------------------------------------------
  // The HTTP server

  private buildApp(): FastifyInstance {
    const app = Fastify({ logger: false, forceCloseConnections: true });
    const routes: EmulatorRoute[] = [];
    this.routes = routes;
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });

    // Logto (koa-body) reports a malformed JSON body with JSON.parse's own message and no code
    // (03-users-patch-malformed-json). An empty JSON body is treated as `{}`.
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') {
        done(null, {});
        return;
      }
      try {
        done(null, JSON.parse(text));
      } catch (error: unknown) {
        done(malformedJson(error instanceof Error ? error.message : 'Invalid JSON'), undefined);
      }
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      done(null, Object.fromEntries(new URLSearchParams(text)));
    });
    // Anything else is kept as text; routes validate it like a missing body.
    app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    app.addHook('onRequest', async (request, reply) => {
      if (!isFaultAnswer(request)) this.record(request);
      if (await this.faults.apply(request, reply)) return reply;
      const path = request.url.split('?')[0] ?? '';
      if (path.startsWith('/api/') || path === '/api') {
        await authenticateManagementRequest(this.ctx, request);
      }
      return undefined;
    });

    app.setErrorHandler((error: unknown, _request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof LogtoError) {
        return reply.code(error.status).headers(error.headers).send(error.body);
      }
      const status = (error as { statusCode?: number }).statusCode;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        return reply.code(status).send({ message: (error as Error).message });
      }
      // Logto hides internals of 500s behind a generic body.
      return reply.code(500).send({ code: 'unknown', message: 'Unknown error.' });
    });

    app.setNotFoundHandler((_request, reply) => {
      // Koa answers unknown routes with a plain 404 "Not Found".
      return reply.code(404).type('text/plain; charset=utf-8').send('Not Found');
    });

    // Browser apps call the OIDC endpoints from their own origin (discovery, JWKS, token, revocation, userinfo).
    app.addHook('onSend', async (request, reply) => {
      const origin = request.headers.origin;
      if (origin !== undefined && request.url.startsWith('/oidc/')) {
        void reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
      }
    });
    app.options('/oidc/*', async (request, reply) => {
      const requested = request.headers['access-control-request-headers'];
      return reply
        .code(204)
        .header('access-control-allow-methods', 'GET,HEAD,POST')
        .header('access-control-allow-headers', typeof requested === 'string' ? requested : 'authorization,content-type')
        .header('access-control-max-age', '600')
        .send();
    });

    this.webhooks.install(app);
    for (const plugin of emulatorRoutes) {
      void app.register(plugin, { ctx: this.ctx });
    }
    return app;
  }

  private record(request: FastifyRequest): void {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.requests.push({ method: request.method, url: request.url, headers });
    if (this.requests.length > MAX_RECORDED_REQUESTS) this.requests.splice(0, this.requests.length - MAX_RECORDED_REQUESTS);

    const path = request.url.split('?')[0] ?? '';
    const route = `${request.method} ${request.routeOptions.url ?? path}`;
    this.counters.byRoute[route] = (this.counters.byRoute[route] ?? 0) + 1;
    if (path === '/oidc/token') this.counters.tokenRequests += 1;
    else if (path === '/oidc/jwks') this.counters.jwksFetches += 1;
    else if (path === '/oidc/.well-known/openid-configuration') this.counters.discoveryFetches += 1;
    else if (path.startsWith('/api/')) this.counters.managementCalls += 1;
  }
}
