import helmet, { type HelmetOptions } from 'helmet';

/** API responses are JSON for programs, never a page to render or frame. */
export const API_CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** Helmet's defaults, less the two policies that would break Swagger UI's page at /docs. */
const HELMET_OPTIONS: HelmetOptions = { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false };

export interface SecurityHeaders {
  /** Every response but Swagger UI's: helmet's headers plus the strict policy above. */
  api: Readonly<Record<string, string>>;
  /** Swagger UI at /docs needs inline scripts, so no Content-Security-Policy there. */
  docs: Readonly<Record<string, string>>;
}

/**
 * The security headers helmet sets, computed once at start-up rather than per request.
 *
 * @fastify/helmet rebuilds helmet's middleware chain on every request and runs it on the raw response from two
 * async hooks: per-request work for an answer that never changes (issue #10, docs/performance.md). With
 * the options above every header helmet sets is static (no CSP nonces), so helmet runs here, once, against a
 * recording response, and each request gets the recorded set: the same names and values, from helmet itself,
 * so an upgrade of helmet changes them as it would have.
 *
 * Nest 12's `app.useSecurityHeaders()` gives the same set, also computed once, but writes each header with
 * `setHeader` on the raw response, one call per header per request. Here the headers join Fastify's reply
 * headers and reach Node in the one `writeHead` call Fastify makes anyway.
 */
export function computeSecurityHeaders(): SecurityHeaders {
  const recorded: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete recorded[name.toLowerCase()];
    },
  };
  let failure: unknown;
  let finished = false;
  helmet(HELMET_OPTIONS)({} as never, response as never, (error?: unknown) => {
    failure = error;
    finished = true;
  });
  // helmet's middleware is synchronous; anything else would mean headers computed per request after all.
  if (!finished || failure) throw new Error(`helmet did not produce its headers synchronously${failure ? `: ${String(failure)}` : ''}`);
  if (Object.keys(recorded).length === 0) throw new Error('helmet produced no headers');
  return {
    api: Object.freeze({ ...recorded, 'content-security-policy': API_CONTENT_SECURITY_POLICY }),
    docs: Object.freeze({ ...recorded }),
  };
}

/** Swagger UI and its assets (the page needs inline scripts): everything under /docs. */
export function isDocsPath(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?');
}
