/**
 * Replays one recorded exchange against a running emulator and lists every difference.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { compareValues } from './normalise.js';
import { compareShape, substitute, type Bindings } from './shape.js';
import type { CaseBindings, CaseContext, ContractCase, DecodedJwt, Exchange } from './types.js';

/** `LOGTO_EXCHANGES_DIR` or ../shared/logto/exchanges next to the repository. */
export const EXCHANGES_DIR = resolve(
  process.env.LOGTO_EXCHANGES_DIR ?? fileURLToPath(new URL('../../../../../shared/logto/exchanges', import.meta.url)),
);

export function loadExchangeFiles(): Array<Exchange | DecodedJwt> {
  return readdirSync(EXCHANGES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(EXCHANGES_DIR, file), 'utf8')) as Exchange | DecodedJwt);
}

export function isDecodedJwt(file: Exchange | DecodedJwt): file is DecodedJwt {
  return (file as DecodedJwt).kind === 'decoded-jwt';
}

export async function fetchM2MToken(emu: LogtoEmulator, scope = 'all', resource = emu.managementResource): Promise<string> {
  const response = await fetch(`${emu.endpoint}/oidc/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: basicAuth(emu.m2mAppId, emu.m2mAppSecret),
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource, ...(scope ? { scope } : {}) }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (response.status !== 200 || typeof body.access_token !== 'string') {
    throw new Error(`token request failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

export function basicAuth(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

const REDACTED = /^<redacted:([^>]+)>$/;

function resolveValue(value: unknown, placeholders: Bindings, redacted: Record<string, string>, where: string): unknown {
  if (typeof value === 'string') {
    const redaction = REDACTED.exec(value);
    if (redaction) {
      const bound = redacted[redaction[1] as string];
      if (bound === undefined) throw new Error(`${where}: the case must bind <redacted:${redaction[1]}>`);
      return bound;
    }
    return substitute(value, placeholders);
  }
  if (Array.isArray(value)) return value.map((item, index) => resolveValue(item, placeholders, redacted, `${where}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [substitute(key, placeholders), resolveValue(item, placeholders, redacted, `${where}.${key}`)]),
    );
  }
  return value;
}

export interface ReplayResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  problems: string[];
}

async function defaultAuthorization(recorded: string | undefined, c: CaseContext): Promise<string | null> {
  if (recorded === undefined) return null;
  if (recorded === 'Bearer <redacted:management-api-access-token>') return `Bearer ${await c.m2mToken()}`;
  if (recorded === 'Basic <redacted:m2m-app-id:m2m-app-secret>') return basicAuth(c.emu.m2mAppId, c.emu.m2mAppSecret);
  if (recorded.includes('<redacted:')) throw new Error(`the case must provide the Authorization header for "${recorded}"`);
  return recorded; // literal malformed values such as "Bearer not-a-jwt"
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

function linkRels(link: string | undefined): string[] {
  return [...(link ?? '').matchAll(/rel="([^"]+)"/g)].map((match) => match[1] as string);
}

export async function replay(c: CaseContext, testCase: ContractCase): Promise<ReplayResult> {
  const { exchange, emu } = c;
  const bindings: CaseBindings = (await testCase.setup?.(c)) ?? {};
  const placeholders: Bindings = { m2mAppId: emu.m2mAppId, ...bindings.placeholders };
  const redacted = { 'client-secret': emu.m2mAppSecret, ...bindings.redacted };
  const request = exchange.request;

  const pathParams = (resolveValue(request.pathParams ?? {}, placeholders, redacted, 'pathParams') ?? {}) as Record<string, string>;
  const path = request.path.replace(/\{([A-Za-z0-9]+)\}/g, (whole, name: string) => {
    const value = pathParams[name];
    if (value === undefined || /^\{.*\}$/.test(value)) throw new Error(`unbound path parameter ${whole} (value ${String(value)})`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(resolveValue(request.query, placeholders, redacted, 'query') as Record<string, string>);
  const url = `${emu.endpoint}${path}${query.size > 0 ? `?${query.toString()}` : ''}`;

  const headers: Record<string, string> = {};
  const contentType = request.headers['content-type'];
  if (contentType) headers['content-type'] = contentType;
  const authorization = bindings.authorization !== undefined ? bindings.authorization : await defaultAuthorization(request.headers.authorization, c);
  if (authorization !== null) headers.authorization = authorization;

  let body: string | undefined;
  if (typeof request.body === 'string') body = request.body;
  else if (request.body !== null && request.body !== undefined) {
    const resolved = resolveValue(request.body, placeholders, redacted, 'body');
    body = contentType?.startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(resolved as Record<string, string>).toString()
      : JSON.stringify(resolved);
  }

  const response = await fetch(url, { method: request.method, headers, body });
  const text = await response.text();
  const responseHeaders = Object.fromEntries(response.headers.entries());
  let responseBody: unknown = null;
  if (text !== '') {
    responseBody = mediaType(responseHeaders['content-type'])?.endsWith('json') ? JSON.parse(text) : text;
  }

  const expected = exchange.response;
  const problems: string[] = [];
  if (response.status !== expected.status) problems.push(`status: expected ${expected.status}, got ${response.status}`);
  const expectedCode = (expected.body as { code?: unknown } | null)?.code;
  const actualCode = (responseBody as { code?: unknown } | null)?.code;
  if (expectedCode !== actualCode) problems.push(`code: expected ${String(expectedCode)}, got ${String(actualCode)}`);
  problems.push(...compareShape(expected.body, responseBody, placeholders));
  problems.push(...compareValues(expected.body, responseBody, placeholders));

  const eh = expected.headers;
  if (mediaType(eh['content-type']) !== mediaType(responseHeaders['content-type'])) {
    problems.push(`content-type: expected ${String(eh['content-type'])}, got ${String(responseHeaders['content-type'])}`);
  }
  for (const name of ['www-authenticate', 'total-number', 'link', 'retry-after', 'location'] as const) {
    if ((eh[name] === undefined) !== (responseHeaders[name] === undefined)) {
      problems.push(`${name}: expected ${eh[name] === undefined ? 'no header' : 'the header'}, got ${String(responseHeaders[name])}`);
    }
  }
  if (eh['cache-control'] !== undefined && eh['cache-control'] !== responseHeaders['cache-control']) {
    problems.push(`cache-control: expected ${eh['cache-control']}, got ${String(responseHeaders['cache-control'])}`);
  }
  if (eh.link !== undefined && linkRels(eh.link).join(',') !== linkRels(responseHeaders.link).join(',')) {
    problems.push(`link rels: expected ${linkRels(eh.link).join(',')}, got ${linkRels(responseHeaders.link).join(',')}`);
  }

  const result = { status: response.status, headers: responseHeaders, body: responseBody, problems };
  await testCase.verify?.(c, result);
  return result;
}
