/**
 * What route modules get from the emulator: the state, the clock and the issuer settings.
 * Passed to every route plugin as `options.ctx` (see routes/index.ts).
 */
import type { OidcProvider } from './oidc.js';
import type { SpaAppRegistration } from './sign-in.js';
import type { EmulatorState } from './state.js';

export interface EmulatorContext {
  readonly state: EmulatorState;
  /** Clock in ms (`LogtoEmulatorOptions.now`). */
  readonly now: () => number;
  /** `http://127.0.0.1:<port>`; known once the server listens. */
  readonly endpoint: string;
  /** `${endpoint}/oidc` */
  readonly issuer: string;
  readonly managementResource: string;
  readonly apiResources: readonly string[];
  readonly m2mAppId: string;
  /** The default secret ("Default secret"), kept for callers that know only one. */
  readonly m2mAppSecret: string;
  /**
   * Every secret of the M2M app by name, as Logto holds several (POST/DELETE /api/applications/{id}/secrets):
   * any of them authenticates the client-credentials grant, which allows a rotation without downtime.
   */
  readonly m2mAppSecrets: Map<string, string>;
  /** Whether the M2M app holds a role with the Management API scope `all` (Logto drops the scope silently if not). */
  readonly m2mManagementAccess: { granted: boolean };
  readonly m2mTokenTtlSeconds: number;
  /** Signing keys, token minting, authorization codes. */
  readonly oidc: OidcProvider;
  /** Single-page apps that may sign users in through /oidc/auth, by client id. */
  readonly spaApps: Map<string, SpaAppRegistration>;
}

export interface EmulatorPluginOptions {
  ctx: EmulatorContext;
}
