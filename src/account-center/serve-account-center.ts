/**
 * Serves the account center (packages/account-center, a static single-page app) at /account when
 * ACCOUNT_CENTER_ENABLED=true: its files from ACCOUNT_CENTER_DIR, index.html for client routes, and
 * /account/config.json with what the browser needs at run time, so one static build works for any deployment.
 *
 * These are plain Fastify routes, not Nest controllers: they are pages for people, not part of the API, and carry
 * their own Content-Security-Policy instead of the API's `default-src 'none'`.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AllConfig } from '../config/app-config.js';
import { buildProblem, PROBLEM_CONTENT_TYPE } from '../common/errors/problem.js';

export const ACCOUNT_CENTER_PATH = '/account';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Runtime settings of the app, served as /account/config.json. */
export interface AccountCenterRuntimeConfig {
  logtoEndpoint: string;
  appId: string;
  /** The API resource indicator (LOGTO_AUDIENCE) the access tokens are asked for. */
  resource: string;
  /** The API scopes to ask for at sign-in (the service's read and write scopes). */
  scopes: string[];
  serviceUrl: string;
}

/**
 * The page's policy: scripts and styles from this origin only (no inline script, no eval), network calls to this
 * service and the Logto endpoint only, avatars from any https origin and QR codes as data: images, never framed.
 */
export function accountCenterCsp(config: AllConfig): string {
  const connect = new Set(["'self'", new URL(config.accountCenter.logtoEndpoint).origin]);
  if (config.accountCenter.serviceUrl !== undefined) connect.add(new URL(config.accountCenter.serviceUrl).origin);
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "manifest-src 'self'",
    `connect-src ${[...connect].join(' ')}`,
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function installAccountCenter(fastify: FastifyInstance, config: AllConfig): void {
  const csp = accountCenterCsp(config);
  const rootPromise = realpath(config.accountCenter.dir);
  const scopes = [config.auth.readScope, config.auth.writeScope].filter((scope, index, all) => scope !== '' && all.indexOf(scope) === index);

  const notFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const problem = buildProblem({
      code: 'request.not_found',
      detail: 'The account center has no such file.',
      instance: ACCOUNT_CENTER_PATH,
      requestId: String(request.id),
    });
    return reply
      .code(404)
      .header('content-security-policy', csp)
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .header('cache-control', 'no-store')
      .send(JSON.stringify(problem));
  };

  /** The file under the root, or undefined for anything that is not a regular file inside it (links followed). */
  const resolveFile = async (relative: string): Promise<string | undefined> => {
    const segments = relative.split('/').filter((segment) => segment !== '');
    // No parent or hidden segments, no backslashes or NUL: nothing but plain names reaches the file system.
    if (segments.some((segment) => segment.startsWith('.') || segment.includes('\\') || segment.includes('\0'))) return undefined;
    const root = await rootPromise;
    try {
      const real = await realpath(join(root, ...segments));
      if (!real.startsWith(root + sep)) return undefined;
      return (await stat(real)).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  };

  const sendFile = (reply: FastifyReply, path: string, cacheControl: string): FastifyReply =>
    reply
      .code(200)
      .header('content-security-policy', csp)
      .header('content-type', CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream')
      .header('cache-control', cacheControl)
      .send(createReadStream(path));

  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const relative = (request.params as { '*'?: string })['*'] ?? '';
    const file = relative === '' ? undefined : await resolveFile(relative);
    if (file !== undefined) {
      // Vite names the files under assets/ by their content hash: they never change.
      const immutable = relative.startsWith('assets/');
      return sendFile(reply, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    }
    // A path with a file extension is a missing file; anything else is one of the app's own routes.
    const last = relative.split('/').pop() ?? '';
    if (last.includes('.')) return notFound(request, reply);
    const index = await resolveFile('index.html');
    if (index === undefined) return notFound(request, reply);
    return sendFile(reply, index, 'no-cache');
  };

  fastify.get(`${ACCOUNT_CENTER_PATH}/config.json`, async (request, reply) => {
    const body: AccountCenterRuntimeConfig = {
      logtoEndpoint: config.accountCenter.logtoEndpoint,
      appId: config.accountCenter.appId,
      resource: config.logto.audience,
      scopes,
      // Fastify's protocol and host honour X-Forwarded-* only when TRUST_PROXY says so.
      serviceUrl: config.accountCenter.serviceUrl ?? `${request.protocol}://${request.host}`,
    };
    return reply.header('content-security-policy', csp).header('cache-control', 'no-store').send(body);
  });
  // The app's asset URLs are relative (one build for any folder): they resolve under /account/ only, and the
  // page's address is its sign-in redirect URI, so there is one address, with the slash.
  fastify.get(ACCOUNT_CENTER_PATH, async (request, reply) => {
    const [path, query] = request.url.split('?', 2);
    if (path === ACCOUNT_CENTER_PATH) {
      return reply.header('content-security-policy', csp).redirect(`${ACCOUNT_CENTER_PATH}/${query === undefined ? '' : `?${query}`}`, 301);
    }
    return serve(request, reply);
  });
  fastify.get(`${ACCOUNT_CENTER_PATH}/*`, serve);
}
