/**
 * The browser test stack (issue #21): the demo stack (Logto emulator + the service serving the account center at
 * /account, all on 127.0.0.1, random ports) and Debian's Chromium driven by playwright-core (no browser download:
 * `executablePath`, default /usr/bin/chromium, or CHROMIUM_PATH). Browser specs are `*.browser-spec.ts`, run by
 * `npm run test:browser` (jest.browser.config.js), not by `npm test`.
 *
 *   const stack = await startStack();                 // serves packages/account-center/dist (build it first)
 *   const page = await stack.newPage();               // its own browser context: own storage, own cookies
 *   await stack.signIn(page);                         // the demo user, through the emulator's sign-in form
 *   expect(await stack.accessibilityViolations(page)).toEqual([]);
 *   await stack.stop();
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, startDemo, type Demo, type DemoOptions } from '../../../../demo/demo.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where `screenshot` writes (reports/ is not committed); ACCOUNT_CENTER_SCREENSHOTS overrides it. */
export const SCREENSHOT_DIR = resolve(process.env.ACCOUNT_CENTER_SCREENSHOTS ?? 'reports/screenshots');

export interface StackUser {
  /** Username, e-mail or phone, as typed into the sign-in form. */
  identifier: string;
  password: string;
}

export const DEMO_USER: StackUser = { identifier: 'demo_user', password: DEMO_PASSWORD };

export interface StackOptions {
  /** The account center to serve; default packages/account-center/dist. `placeholderAccountCenter()` makes a stand-in. */
  accountCenterDir?: string;
  /** Extra service settings. */
  env?: DemoOptions['env'];
}

/** One axe-core finding of impact serious or critical. */
export interface AccessibilityViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export interface BrowserStack {
  readonly demo: Demo;
  readonly browser: Browser;
  /** `${service}/account/` */
  readonly accountCenterUrl: string;
  /** A page in a fresh browser context (own storage and cookies), `width` × `height` CSS pixels (default 1280 × 800). */
  newPage(viewport?: { width: number; height: number }): Promise<Page>;
  /**
   * Opens the account center and signs `user` in: clicks the app's "Sign in" button (unless the app went to Logto
   * by itself), fills the emulator's form, and waits until the browser is back on the account center.
   */
  signIn(page: Page, user?: StackUser): Promise<void>;
  /** Opens the account center and goes on to the emulator's sign-in form (for failure paths). */
  openSignInForm(page: Page): Promise<void>;
  /** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
  accessibilityViolations(page: Page): Promise<AccessibilityViolation[]>;
  /** Saves a full-page PNG as `${SCREENSHOT_DIR}/${name}.png` and returns its path. */
  screenshot(page: Page, name: string): Promise<string>;
  /** Closes the browser, the service and the emulator. */
  stop(): Promise<void>;
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function startStack(options: StackOptions = {}): Promise<BrowserStack> {
  const accountCenterDir = resolve(options.accountCenterDir ?? 'packages/account-center/dist');
  const demo = await startDemo({ port: 0, logLevel: 'silent', accountCenterDir, env: options.env });
  if (demo.accountCenterUrl === undefined) {
    await demo.stop();
    throw new Error(`No account center in ${accountCenterDir} (npm run build:account-center)`);
  }
  const accountCenterUrl = demo.accountCenterUrl;
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH });
  } catch (error) {
    await demo.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const authorizationEndpoint = `${demo.emulator.issuer}/auth`;
  const openSignInForm = async (page: Page): Promise<void> => {
    await page.goto(accountCenterUrl);
    if (page.url().startsWith(authorizationEndpoint)) return;
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(authorizationEndpoint)),
      page.getByRole('button', { name: /sign in/i }).click(),
    ]);
  };

  return {
    demo,
    browser,
    accountCenterUrl,
    async newPage(viewport = { width: 1280, height: 800 }) {
      const context = await browser.newContext({ viewport });
      contexts.push(context);
      return context.newPage();
    },
    openSignInForm: (page) => openSignInForm(page),
    async signIn(page, user = DEMO_USER) {
      await openSignInForm(page);
      await page.getByLabel('Username or email').fill(user.identifier);
      await page.getByLabel('Password').fill(user.password);
      await Promise.all([
        page.waitForURL((url) => url.href.startsWith(accountCenterUrl)),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
    },
    async accessibilityViolations(page) {
      // Evaluated through the DevTools protocol, which the page's CSP (no inline scripts) does not govern.
      await page.evaluate(AXE_SOURCE);
      const violations = (await page.evaluate(
        `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
          .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) })))`,
      )) as AccessibilityViolation[];
      return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    },
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async stop() {
      try {
        for (const context of contexts) await context.close().catch(() => undefined);
        await browser.close();
      } finally {
        await demo.stop();
      }
    },
  };
}

/**
 * A stand-in account center, written to a temporary folder (returned, with a `remove` to call after): one page and
 * one script file (the CSP allows no inline script) doing what the real app's sign-in does with plain `fetch` and
 * Web Crypto: authorization request with PKCE, code exchange, refresh with the API resource, then GET /me. It shows
 * "Signed in as <username>" in `#status`. It proves the harness without the real app.
 */
export function placeholderAccountCenter(): { dir: string; remove(): void } {
  const base = mkdtempSync(join(tmpdir(), 'account-center-placeholder-'));
  const dir = join(base, 'dist');
  mkdirSync(dir);
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Account center (placeholder)</title><script type="module" src="./placeholder.js"></script></head>
<body><main><h1>Account center (placeholder)</h1><p id="status" role="status">Signed out</p>
<button id="sign-in" type="button">Sign in</button></main></body>
</html>
`,
  );
  writeFileSync(
    join(dir, 'placeholder.js'),
    `const status = document.getElementById('status');
const page = location.origin + location.pathname;
const b64url = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer))).replace(/[+]/g, '-').replace(/[/]/g, '_').replace(/=+$/, '');
// The button works as soon as the page shows it; the click waits for the settings.
const ready = (async () => {
  const config = await (await fetch('config.json', { cache: 'no-store' })).json();
  const discovery = await (await fetch(config.logtoEndpoint + '/oidc/.well-known/openid-configuration')).json();
  return { config, discovery };
})();
document.getElementById('sign-in').addEventListener('click', async () => {
  const { config, discovery } = await ready;
  const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
  sessionStorage.setItem('placeholder-sign-in', JSON.stringify({ verifier, state }));
  const url = new URL(discovery.authorization_endpoint);
  const scope = ['openid', 'offline_access', 'profile', ...config.scopes].join(' ');
  const query = { client_id: config.appId, redirect_uri: page, code_challenge: challenge, code_challenge_method: 'S256', state, response_type: 'code', prompt: 'consent', scope, resource: config.resource };
  for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
  location.assign(url.href);
});
const params = new URLSearchParams(location.search);
if (params.has('code')) {
  const saved = JSON.parse(sessionStorage.getItem('placeholder-sign-in') ?? '{}');
  history.replaceState(null, '', page);
  try {
    const { config, discovery } = await ready;
    const post = async (body) => {
      const response = await fetch(discovery.token_endpoint, { method: 'POST', body: new URLSearchParams(body) });
      if (!response.ok) throw new Error('token endpoint: ' + response.status);
      return response.json();
    };
    if (params.get('state') !== saved.state) throw new Error('state mismatch');
    const tokens = await post({ client_id: config.appId, code: params.get('code'), code_verifier: saved.verifier, redirect_uri: page, grant_type: 'authorization_code' });
    const api = await post({ client_id: config.appId, refresh_token: tokens.refresh_token, grant_type: 'refresh_token', resource: config.resource });
    const me = await (await fetch(config.serviceUrl + '/me', { headers: { authorization: 'Bearer ' + api.access_token } })).json();
    status.textContent = 'Signed in as ' + me.username;
  } catch (error) {
    status.textContent = 'Sign-in failed: ' + error.message;
  }
}
`,
  );
  return { dir, remove: () => rmSync(base, { recursive: true, force: true }) };
}
