/**
 * Every route module of the emulator, registered in this order by logto-emulator.ts.
 * A route module is a Fastify plugin taking `{ ctx: EmulatorContext }`; the /api bearer check,
 * fault injection and error rendering are installed by the emulator before these run.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';
import { oidcRoutes } from '../oidc.js';
import { signInRoutes } from '../sign-in.js';
import { logsRoutes } from './logs.js';
import { signInExperienceRoutes } from './sign-in-exp.js';
import { usersRoutes } from './users.js';
import { verificationCodesRoutes } from './verification-codes.js';
import { connectorsRoutes } from './connectors.js';
import { identitiesRoutes } from './identities.js';
import { mfaRoutes } from './mfa.js';
import { organizationsRoutes } from './organizations.js';
import { sessionsRoutes } from './sessions.js';

export type EmulatorRoutePlugin = FastifyPluginAsync<EmulatorPluginOptions>;

export const emulatorRoutes: EmulatorRoutePlugin[] = [
  oidcRoutes,
  signInRoutes, // /oidc/auth sign-in form, session end, revocation, userinfo
  usersRoutes,
  verificationCodesRoutes,
  signInExperienceRoutes,
  logsRoutes,
  // --- Added by the accounts helper (one import + one entry each): ---------------------------
  identitiesRoutes, // identities, all-identities
  connectorsRoutes, // connectors, connector-factories, authorization-uri
  mfaRoutes, // mfa-verifications
  sessionsRoutes, // sessions + grants
  organizationsRoutes, // user organizations
  // ---------------------------------------------------------------------------------------------
];
