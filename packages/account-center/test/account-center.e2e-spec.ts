import { jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { PASSWORD, signIn, startStack, type Stack } from './support/browser-stack';

// A real browser against the real service and the emulator: seconds per test, not milliseconds.
jest.setTimeout(60_000);

describe('account center in Chromium', () => {
  let stack: Stack;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.close());
  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  let counter = 0;
  /** A fresh user (password, email) signed in on a fresh page. */
  async function signedIn(width = 1280, input: Record<string, unknown> = {}): Promise<{ page: Page; userId: string; username: string }> {
    counter += 1;
    const username = `user_${counter}_${Date.now().toString(36)}`;
    const user = stack.emu.seedUser({ username, primaryEmail: `${username}@example.test`, name: 'Ada Example', password: PASSWORD, ...input });
    const opened = await stack.newPage(width);
    context = opened.context;
    await signIn(opened.page, stack, username);
    return { page: opened.page, userId: user.id, username };
  }

  it('signs in with Logto (authorization code + PKCE) and edits the profile', async () => {
    const { page, userId } = await signedIn();
    const name = page.getByLabel('Name', { exact: true });
    await expectValue(name, 'Ada Example');
    await name.fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    expect(stack.emu.state.users.get(userId)?.name).toBe('Ada Lovelace');

    await page.getByLabel('Given name').fill('Ada');
    await page.getByRole('button', { name: 'Save personal details' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).nth(1).waitFor();
    expect(stack.emu.state.users.get(userId)?.profile.givenName).toBe('Ada');
  });
});

async function expectValue(locator: import('playwright-core').Locator, value: string): Promise<void> {
  await locator.waitFor();
  expect(await locator.inputValue()).toBe(value);
}
