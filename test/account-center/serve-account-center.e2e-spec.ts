/**
 * The account center served at /account (issue #21): only when ACCOUNT_CENTER_ENABLED=true, its files with their
 * own strict CSP, index.html for the app's client routes, nothing outside its directory, and /account/config.json.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, ConfigError } from '../../src/config/load-config.js';
import { startEmulatorApp, testEnv, type TestApp } from '../support/test-app.js';

const INDEX = '<!doctype html><html><head><script type="module" src="/account/assets/app-3f9a.js"></script></head><body><div id="app"></div></body></html>';
const SCRIPT = 'console.log("account center");';
const SECRET = 'do-not-serve-this-secret';

const EXPECTED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; font-src 'self'; manifest-src 'self'; " +
  "connect-src 'self' https://auth.example.test; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** A built account center beside a file that must never be served, and a link inside pointing out to it. */
function fixture(): { base: string; dir: string } {
  const base = mkdtempSync(join(tmpdir(), 'account-center-'));
  const dir = join(base, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'app-3f9a.js'), SCRIPT);
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.env'), SECRET);
  writeFileSync(join(base, 'secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(dir, 'linked.txt'));
  symlinkSync(base, join(dir, 'outside'));
  return { base, dir };
}

function enabledEnv(dir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ACCOUNT_CENTER_ENABLED: 'true',
    ACCOUNT_CENTER_DIR: dir,
    ACCOUNT_CENTER_APP_ID: 'account-center-app',
    ACCOUNT_CENTER_LOGTO_ENDPOINT: 'https://auth.example.test/',
    ...extra,
  };
}

describe('account center at /account', () => {
  let files: { base: string; dir: string };
  beforeAll(() => {
    files = fixture();
  });
  afterAll(() => {
    rmSync(files.base, { recursive: true, force: true });
  });

  describe('when enabled', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = (await startEmulatorApp({ emulator: null, env: enabledEnv(files.dir) })).t;
    });
    afterAll(async () => {
      await t.close();
    });

    it('redirects /account to /account/ (the app resolves its assets and its redirect URI from there)', async () => {
      for (const [url, location] of [['/account', '/account/'], ['/account?code=abc&state=xyz', '/account/?code=abc&state=xyz']]) {
        const res = await t.inject({ method: 'GET', url });
        expect([res.statusCode, res.headers.location]).toEqual([301, location]);
      }
    });

    it.each(['/account/', '/account/index.html'])('GET %s serves index.html with the account center CSP', async (url) => {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
      expect(res.headers['cache-control']).toBe('no-cache');
      // helmet's other headers stay.
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    });

    it('serves hashed assets as immutable, with their type and the same CSP', async () => {
      const res = await t.inject({ method: 'GET', url: '/account/assets/app-3f9a.js' });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(SCRIPT);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
      const svg = await t.inject({ method: 'GET', url: '/account/favicon.svg' });
      expect([svg.statusCode, svg.headers['content-type'], svg.headers['cache-control']]).toEqual([200, 'image/svg+xml', 'no-cache']);
    });

    it.each(['/account/profile', '/account/security/mfa', '/account/sessions?tab=apps'])('falls back to index.html for the client route %s', async (url) => {
      const res = await t.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe(INDEX);
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    });

    it('answers a missing file with a 404 problem, not the page', async () => {
      const res = await t.inject({ method: 'GET', url: '/account/assets/missing-1234.js' });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, code: 'request.not_found' });
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
    });

    it.each([
      '/account/../secret.txt',
      '/account/%2e%2e/secret.txt',
      '/account/assets/..%2f..%2f..%2fsecret.txt',
      '/account/..%5csecret.txt',
      '/account/linked.txt',
      '/account/outside/secret.txt',
      '/account/.env',
      '/account/%00index.html',
    ])('never serves a file outside its directory or a hidden one: %s', async (url) => {
      const res = await t.inject({ method: 'GET', url });
      expect(res.body).not.toContain(SECRET);
      expect([200, 400, 404]).toContain(res.statusCode);
      if (res.statusCode === 200) expect(res.body).toBe(INDEX);
    });

    it('serves /account/config.json for the browser, never cached', async () => {
      const res = await t.inject({ method: 'GET', url: '/account/config.json', headers: { host: 'account.example.test:8443' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toBe(EXPECTED_CSP);
      expect(res.json()).toEqual({
        logtoEndpoint: 'https://auth.example.test',
        appId: 'account-center-app',
        resource: testEnv().LOGTO_AUDIENCE,
        scopes: ['account:read', 'account:write'],
        serviceUrl: 'http://account.example.test:8443',
      });
    });

    it('keeps the API strict CSP on API answers', async () => {
      const res = await t.inject({ method: 'GET', url: '/health/live' });
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    });
  });

  it('with ACCOUNT_CENTER_SERVICE_URL set: config.json gives it and the CSP lets the page call it', async () => {
    const t = (await startEmulatorApp({ emulator: null, env: enabledEnv(files.dir, { ACCOUNT_CENTER_SERVICE_URL: 'https://api.example.test/' }) })).t;
    try {
      const res = await t.inject({ method: 'GET', url: '/account/config.json' });
      expect(res.json()).toMatchObject({ serviceUrl: 'https://api.example.test' });
      expect(res.headers['content-security-policy']).toContain("connect-src 'self' https://auth.example.test https://api.example.test;");
    } finally {
      await t.close();
    }
  });

  it('is not served when disabled (the default): 404 problems', async () => {
    const t = (await startEmulatorApp({ emulator: null, env: { ACCOUNT_CENTER_DIR: files.dir } })).t;
    try {
      for (const url of ['/account', '/account/', '/account/config.json', '/account/assets/app-3f9a.js', '/account/profile']) {
        const res = await t.inject({ method: 'GET', url });
        expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
        expect(res.body).not.toContain(SCRIPT);
      }
    } finally {
      await t.close();
    }
  });

  it('refuses to start when enabled without an app id, without a build, or with a bad flag', () => {
    const problemsOf = (env: Record<string, string>): string[] => {
      try {
        loadConfig(testEnv(undefined, env));
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problemsOf({ ACCOUNT_CENTER_ENABLED: 'true', ACCOUNT_CENTER_DIR: files.dir })).toEqual(['ACCOUNT_CENTER_APP_ID: required when ACCOUNT_CENTER_ENABLED=true']);
    expect(problemsOf(enabledEnv(join(files.base, 'nowhere')))).toEqual([
      `ACCOUNT_CENTER_DIR: no index.html in ${join(files.base, 'nowhere')} (build it: npm run build -w packages/account-center)`,
    ]);
    expect(problemsOf({ ACCOUNT_CENTER_ENABLED: 'yes' })).toEqual(['ACCOUNT_CENTER_ENABLED: "yes" is not one of true, false']);
    expect(problemsOf({})).toEqual([]);
  });
});
