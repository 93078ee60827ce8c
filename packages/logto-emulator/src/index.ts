/** Public API of the Logto emulator (tests and `npm run demo` only). */
export { LogtoEmulator } from './logto-emulator.js';
export type { LogtoEmulatorOptions, EmulatorCounters, EmulatorRoute, RecordedRequest } from './logto-emulator.js';
export type { FaultSpec } from './faults.js';
export type { WebhookConfig, WebhookDelivery, UserHookEvent } from './webhooks.js';
export { signWebhookBody } from './webhooks.js';
export type { MintTokenOptions, SigningKey, AuthorizationCodeInput } from './oidc.js';
export type { SpaAppRegistration } from './sign-in.js';
export { SESSION_COOKIE } from './sign-in.js';
export type { EmulatorContext, EmulatorPluginOptions } from './context.js';
export type { EmulatorRoutePlugin } from './routes/index.js';
export * from './state.js';
export { LogtoError, logtoError, guardError } from './errors.js';
