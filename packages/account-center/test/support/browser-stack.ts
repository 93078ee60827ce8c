/**
 * The account center in a real browser: the built SPA on a static server of its own (127.0.0.1, another origin
 * than the service, as a CDN deployment would be), the service on a real socket, the Logto emulator with the
 * SPA registered, and Debian's Chromium driven by playwright-core. Everything binds 127.0.0.1 and `close()` stops it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { LogtoEmulator } from '@logto-account-service/logto-emulator';
import { startEmulatorApp, TEST_AUDIENCE, type TestApp } from '../../../../test/support/test-app.js';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const DIST = join(PACKAGE_DIR, 'dist');
const CUSTOM_DATA_SCHEMA = fileURLToPath(new URL('../../../../demo/custom-data.schema.json', import.meta.url));
export const SCREENSHOT_DIR = join(PACKAGE_DIR, 'screenshots');
export const SPA_APP_ID = 'account-center-test';
export const PASSWORD = 'Correct-Horse-2026!';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let built = false;
/** Builds the SPA once per test process (`vite build`, about a second), so the tests always run the current source. */
export function buildSpa(): void {
  if (built) return;
  execFileSync(process.execPath, [join(PACKAGE_DIR, '../../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: PACKAGE_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  built = true;
}

export interface Stack {
  emu: LogtoEmulator;
  service: TestApp;
  serviceUrl: string;
  spaUrl: string;
  browser: Browser;
  /** A fresh browser context (no stored tokens) at this width. */
  newPage(width?: number): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  buildSpa();
  const cleanups: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const emu = await LogtoEmulator.start({ apiResources: [TEST_AUDIENCE] });
    cleanups.push(() => emu.close());

    const config: Record<string, unknown> = {};
    const spa: FastifyInstance = Fastify();
    spa.get('/account/config.json', async (_request, reply) => reply.header('cache-control', 'no-store').send(config));
    await spa.register(fastifyStatic, { root: DIST, prefix: '/account/' });
    await spa.listen({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => spa.close());
    const spaOrigin = `http://127.0.0.1:${(spa.server.address() as { port: number }).port}`;
    const spaUrl = `${spaOrigin}/account/`;

    const service = (await startEmulatorApp({ emulator: emu, env: { CORS_ORIGINS: spaOrigin, CUSTOM_DATA_SCHEMA, DELETION_GRACE_PERIOD_DAYS: '14' } })).t;
    cleanups.push(() => service.close());
    await service.app.listen({ host: '127.0.0.1', port: 0 });
    const serviceUrl = `http://127.0.0.1:${(service.app.getHttpServer().address() as { port: number }).port}`;

    emu.registerSpaApp({ id: SPA_APP_ID, name: 'Account center', redirectUris: [spaUrl], postLogoutRedirectUris: [spaUrl] });
    Object.assign(config, { logtoEndpoint: emu.endpoint, appId: SPA_APP_ID, serviceUrl, resource: TEST_AUDIENCE, scopes: ['account:read', 'account:write'] });

    const browser = await chromium.launch({ executablePath: CHROMIUM });
    cleanups.push(() => browser.close());
    const newPage = async (width = 1280) => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads: true });
      const page = await context.newPage();
      return { context, page };
    };
    return { emu, service, serviceUrl, spaUrl, browser, newPage, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Signs `identifier` in through the SPA's button and the emulator's sign-in form; resolves on the profile screen. */
export async function signIn(page: Page, stack: Stack, identifier: string, password = PASSWORD): Promise<void> {
  const log: string[] = [];
  page.on('console', (message) => log.push(`console.${message.type()}: ${message.text()}`));
  page.on('requestfailed', (request) => log.push(`request failed: ${request.method()} ${request.url()} ${request.failure()?.errorText}`));
  try {
    await signInSteps(page, stack, identifier, password);
  } catch (error) {
    const text = await page.locator('body').innerText().catch(() => '');
    throw new Error(`sign-in failed at ${page.url()}: ${(error as Error).message}\npage: ${text.slice(0, 500)}\n${log.join('\n')}`, { cause: error });
  }
}

async function signInSteps(page: Page, stack: Stack, identifier: string, password: string): Promise<void> {
  await page.goto(stack.spaUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Username or email').fill(identifier);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor({ timeout: 10_000 });
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  // Runs in the page, where axe-core's script defined the global `axe`.
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: typeof axe }).axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  if (!existsSync(SCREENSHOT_DIR)) mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** The text of a download the page starts with `trigger`. */
export async function downloadText(page: Page, trigger: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

/** Confirms the step-up dialog with the password. */
export async function confirmWithPassword(page: Page, password = PASSWORD): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
  await dialog.waitFor();
  const choice = dialog.getByRole('radio', { name: 'Your password' });
  if (await choice.count()) await choice.check();
  await dialog.getByLabel('Password', { exact: true }).fill(password);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.waitFor({ state: 'hidden' });
}
