/**
 * The browser harness proven on its own (issue #21): Chromium signs the demo user in through the emulator's form
 * from a stand-in account center served by the service at /account, under the account center's CSP, with CORS
 * calls to the emulator and a bearer call to the service. The real app's browser specs use the same stack.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_USER, placeholderAccountCenter, startStack, type BrowserStack } from './support/stack.js';

describe('browser harness (placeholder account center)', () => {
  let placeholder: ReturnType<typeof placeholderAccountCenter>;
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    placeholder = placeholderAccountCenter();
    stack = await startStack({ accountCenterDir: placeholder.dir });
  });
  afterAll(async () => {
    await stack?.stop();
    placeholder?.remove();
  });
  beforeEach(async () => {
    page = await stack.newPage();
  });

  it('signs the demo user in through the emulator form and calls the service with the API token', async () => {
    await stack.signIn(page);
    await page.getByText('Signed in as demo_user').waitFor();
    expect(page.url()).toBe(stack.accountCenterUrl);
    // The sign-in opened a session Logto lists, on top of the one the demo seeded.
    const sessions = [...stack.demo.emulator.state.sessions.values()].filter((session) => session.accountId === stack.demo.userId);
    expect(sessions).toHaveLength(2);
  });

  it('a wrong password keeps the user on the sign-in form with its message', async () => {
    await stack.openSignInForm(page);
    await page.getByLabel('Username or email').fill(DEMO_USER.identifier);
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Incorrect account or password. Please check your input.');
    expect(page.url().startsWith(stack.demo.emulator.endpoint)).toBe(true);
  });

  it('writes screenshots at a narrow width too (for reviewers; not committed)', async () => {
    const narrow = await stack.newPage({ width: 375, height: 700 });
    await narrow.goto(stack.accountCenterUrl);
    const path = await stack.screenshot(narrow, 'harness placeholder 375');
    expect(path.endsWith('harness-placeholder-375.png')).toBe(true);
    // A PNG, as wide as the viewport.
    const png = readFileSync(path);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(375);
  });

  it("enforces the account center's CSP in the browser: an inline script does not run", async () => {
    await page.goto(stack.accountCenterUrl);
    const ran = await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.head.append(script);
      return window.inlineRan === true;
    })()`);
    expect(ran).toBe(false);
  });

  it('checks accessibility with axe-core (a missing label is found; the placeholder has none serious)', async () => {
    await page.goto(stack.accountCenterUrl);
    expect(await stack.accessibilityViolations(page)).toEqual([]);
    await page.evaluate(`document.querySelector('main').append(Object.assign(document.createElement('input'), { type: 'text' }))`);
    expect((await stack.accessibilityViolations(page)).map((violation) => violation.id)).toContain('label');
  });
});
