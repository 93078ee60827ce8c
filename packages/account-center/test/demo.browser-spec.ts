import { buildSpa } from './support/browser-stack.js';
import { startStack, type BrowserStack } from './support/stack.js';

/** The account center as `npm run demo` and ACCOUNT_CENTER_ENABLED=true serve it: from the service, under its CSP. */
describe('account center served by the service at /account', () => {
  let stack: BrowserStack;
  beforeAll(async () => {
    buildSpa();
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('signs the demo user in and shows the profile, with nothing blocked by the page CSP and no axe violation', async () => {
    const page = await stack.newPage({ width: 375, height: 800 });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await stack.signIn(page);
    await page.getByRole('heading', { level: 1, name: 'Profile' }).waitFor();
    await page.getByLabel('Name', { exact: true }).waitFor();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Demo User');
    // The TOTP QR code is a data: image and the avatar an https one: both allowed by the page's img-src.
    await page.getByRole('link', { name: 'Two-step verification' }).click();
    await page.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    await page.getByText('Authenticator app').first().waitFor();
    expect(await stack.accessibilityViolations(page)).toEqual([]);
    expect(problems.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
  });
});
