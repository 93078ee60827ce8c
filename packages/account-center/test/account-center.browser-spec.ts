import { jest } from '@jest/globals';
import { generate } from 'otplib';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { confirmWithPassword, downloadText, PASSWORD, screenshot, seriousViolations, signIn, startStack, type Stack } from './support/browser-stack.js';

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
  async function signedIn(input: Record<string, unknown> = {}): Promise<{ page: Page; userId: string; email: string }> {
    counter += 1;
    const username = `user_${counter}_${Date.now().toString(36)}`;
    const email = `${username}@example.test`;
    const user = stack.emu.seedUser({ username, primaryEmail: email, name: 'Ada Example', password: PASSWORD, ...input });
    const opened = await stack.newPage();
    context = opened.context;
    await signIn(opened.page, stack, username);
    return { page: opened.page, userId: user.id, email };
  }
  const user = (id: string) => stack.emu.state.users.get(id)!;
  const go = async (page: Page, link: string, heading = link) => {
    await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  };
  const status = (page: Page, text: string) => page.getByRole('status').filter({ hasText: text }).first().waitFor();
  const alert = (page: Page, text: string) => page.getByRole('alert').filter({ hasText: text }).first().waitFor();

  it('signs in with Logto (authorization code + PKCE) and edits the profile', async () => {
    const { page, userId } = await signedIn();
    const name = page.getByLabel('Name', { exact: true });
    await expectValue(name, 'Ada Example');
    await name.fill('Ada Lovelace');
    await page.getByRole('button', { name: 'Save profile' }).click();
    await status(page, 'Saved.');
    expect(user(userId).name).toBe('Ada Lovelace');

    await page.getByLabel('Given name').fill('Ada');
    await page.getByRole('button', { name: 'Save personal details' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).nth(1).waitFor();
    expect(user(userId).profile.givenName).toBe('Ada');
  });

  it('fills the custom data form generated from the schema; read-only fields cannot be edited', async () => {
    const { page, userId } = await signedIn({ customData: { plan: 'pro', secretFlag: 1 } });
    await expectValue(page.getByLabel('Plan (read only)'), 'pro');
    expect(await page.getByLabel('Plan (read only)').getAttribute('readonly')).not.toBeNull();
    await expect(page.getByText('secretFlag').count()).resolves.toBe(0);
    await page.getByLabel('Theme').selectOption('light');
    await page.getByLabel('Newsletter').check();
    await page.getByRole('button', { name: 'Save additional information' }).click();
    await page.getByRole('region', { name: 'Additional information' }).getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(user(userId).customData).toMatchObject({ theme: 'light', newsletter: true, plan: 'pro', secretFlag: 1 });
  });

  it('changes the email with the code from the outbox after a wrong one, confirming with the password first', async () => {
    const { page, userId } = await signedIn();
    await go(page, 'Email and phone');
    const email = page.getByRole('region', { name: 'Email address' });
    await email.getByLabel('New email address').fill('new.address@example.test');
    await email.getByRole('button', { name: 'Send code' }).click();
    await confirmWithPassword(page);
    await status(page, 'A code was sent to new.address@example.test');
    const code = stack.emu.lastCode('new.address@example.test');
    expect(code).toMatch(/^\d{6}$/);

    const wrong = code === '000000' ? '111111' : '000000';
    await email.getByLabel('Verification code').fill(wrong);
    await email.getByRole('button', { name: 'Confirm change' }).click();
    await alert(page, 'The code is wrong or has expired.');
    expect(user(userId).primaryEmail).not.toBe('new.address@example.test');

    await email.getByLabel('Verification code').fill(code!);
    await email.getByRole('button', { name: 'Confirm change' }).click();
    await status(page, 'Your email address is now new.address@example.test.');
    expect(user(userId).primaryEmail).toBe('new.address@example.test');
    await email.getByText('Current: new.address@example.test').waitFor();
  });

  it('shows each password-policy rule a rejected password breaks, then changes the password', async () => {
    const { page } = await signedIn();
    await go(page, 'Password');
    await page.getByLabel('New password', { exact: true }).fill('abc');
    await page.getByLabel('Repeat the new password').fill('abc');
    await page.getByRole('button', { name: 'Change password' }).click();
    await alert(page, 'The password does not meet the password rules.');
    await page.getByRole('alert').getByText('At least 8 characters.').waitFor();

    await page.getByLabel('New password', { exact: true }).fill('Brand-New-Passw0rd!');
    await page.getByLabel('Repeat the new password').fill('Brand-New-Passw0rd!');
    await page.getByRole('button', { name: 'Change password' }).click();
    await confirmWithPassword(page);
    await status(page, 'Your password was changed.');
  });

  it('enrolls an authenticator app with a code computed from the secret the page shows, then generates and downloads backup codes', async () => {
    const { page, userId } = await signedIn();
    await go(page, 'Two-step verification');
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').innerText()).trim();
    await page.getByLabel('Six-digit code from the app').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await confirmWithPassword(page);
    await status(page, 'Your authenticator app is set up.');
    expect(stack.emu.state.mfaVerifications.get(userId)?.map((factor: { type: string }) => factor.type)).toContain('Totp');

    await page.getByRole('button', { name: 'Generate new backup codes' }).click();
    // A new factor ends earlier verifications (the service revokes them), so this asks again.
    await confirmWithPassword(page);
    await page.getByText('Save these codes now').waitFor();
    const codes = (await page.getByTestId('backup-codes').locator('code').allInnerTexts()).map((c) => c.trim());
    expect(codes.length).toBeGreaterThanOrEqual(8);
    const file = await downloadText(page, () => page.getByRole('button', { name: 'Download codes' }).click());
    expect(file.name).toBe('backup-codes.txt');
    for (const code of codes) expect(file.text).toContain(code);
    await page.getByRole('button', { name: 'I saved them' }).click();
    await page.getByText(`${codes.length} of ${codes.length} backup codes left.`).waitFor();
  });

  it('signs out one other session', async () => {
    const { page, userId } = await signedIn();
    const other = stack.emu.addSession(userId, { clientId: 'other-app', applicationName: 'Other app', userAgent: 'Old laptop', ip: '198.51.100.4' });
    await go(page, 'Devices and apps');
    await page.getByRole('button', { name: 'Sign out Old laptop' }).click();
    await status(page, 'The session was signed out.');
    await page.getByRole('button', { name: 'Sign out Old laptop' }).waitFor({ state: 'detached' });
    expect(stack.emu.state.sessions.has(other.sessionId)).toBe(false);
  });

  it('unlinks a social account after the step-up, and removes an app\'s access', async () => {
    const { page, userId } = await signedIn();
    stack.emu.linkSocialIdentity(userId, 'github', { userId: 'gh-123', details: { name: 'Ada on GitHub' } });
    const grant = stack.emu.addGrant(userId, { clientId: 'third-party-app', applicationName: 'Third-party app' });
    await go(page, 'Linked accounts');
    await page.getByRole('button', { name: 'Unlink github' }).click();
    await confirmWithPassword(page);
    await status(page, 'Unlinked github.');
    await page.getByText('No linked accounts.').waitFor();
    expect(user(userId).identities).not.toHaveProperty('github');

    await go(page, 'Devices and apps');
    await page.getByRole('button', { name: 'Remove access for Third-party app' }).click();
    await status(page, 'Access removed.');
    await page.getByRole('button', { name: 'Remove access for Third-party app' }).waitFor({ state: 'detached' });
    expect(stack.emu.state.grants.has(grant.payload.jti)).toBe(false);
  });

  it('downloads the data export', async () => {
    const { page, userId } = await signedIn();
    await go(page, 'Data and deletion');
    const file = await downloadText(page, () => page.getByRole('button', { name: 'Download my data' }).click());
    expect(file.name).toBe('account-export.json');
    const data = JSON.parse(file.text) as { account: { id: string } };
    expect(data.account.id).toBe(userId);
    await status(page, 'Your data was downloaded.');
  });

  it('schedules the deletion with the grace period, then cancels it', async () => {
    const { page, userId } = await signedIn();
    await go(page, 'Data and deletion');
    const button = page.getByRole('button', { name: 'Delete my account' });
    expect(await button.isDisabled()).toBe(true);
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await button.click();
    await confirmWithPassword(page);
    await page.getByText('Your account will be deleted on').waitFor();
    expect(stack.emu.state.users.has(userId)).toBe(true);
    await page.getByRole('button', { name: 'Keep my account' }).click();
    await status(page, 'The deletion was cancelled.');
    await page.getByRole('button', { name: 'Delete my account' }).waitFor();
  });

  it('the accessibility check itself reports a serious violation (an unlabelled field, text without contrast)', async () => {
    const opened = await stack.newPage();
    context = opened.context;
    await opened.page.setContent('<!doctype html><html lang="en"><title>t</title><main><input type="text"><p style="color:#ccc;background:#fff">faint</p></main></html>');
    const violations = await seriousViolations(opened.page);
    expect(violations.map((v) => v.split(':')[0]).sort()).toEqual(['color-contrast', 'label']);
  });

  it.each([1280, 375])('has no serious or critical axe violations on any screen at %i px, and saves a screenshot of each', async (width) => {
    counter += 1;
    const username = `rich_${counter}_${width}`;
    const seeded = stack.emu.seedUser({
      username,
      primaryEmail: `${username}@example.test`,
      primaryPhone: '15550100042',
      name: 'Ada Example',
      avatar: 'https://avatars.example.test/ada.png',
      password: PASSWORD,
      profile: { givenName: 'Ada', familyName: 'Example', locale: 'en-GB' },
      customData: { theme: 'dark', newsletter: true, plan: 'pro' },
    });
    stack.emu.linkSocialIdentity(seeded.id, 'github', { userId: `gh-${username}`, details: { name: 'Ada Example' } });
    stack.emu.addMfaVerification(seeded.id, { type: 'Totp' });
    stack.emu.addSession(seeded.id, { clientId: 'mobile-app', applicationName: 'Mobile app', userAgent: 'Phone (iOS 19)', ip: '203.0.113.7' });
    const organization = stack.emu.addOrganization({ name: 'Acme Corp', description: 'The team workspace.' });
    stack.emu.addUserToOrganization(seeded.id, organization.id);

    const opened = await stack.newPage(width);
    context = opened.context;
    const { page } = opened;
    await page.goto(stack.spaUrl);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `signed-out-${width}`);
    await signIn(page, stack, username);

    for (const [link, file] of SCREENS) {
      await go(page, link);
      await page.getByText('Loading…').first().waitFor({ state: 'detached' });
      if (file === 'organizations') await page.getByRole('heading', { name: 'Acme Corp' }).waitFor();
      if (file === 'identities') await page.getByRole('button', { name: 'Unlink github' }).waitFor();
      expect({ screen: link, violations: await seriousViolations(page) }).toEqual({ screen: link, violations: [] });
      await screenshot(page, `${file}-${width}`);
    }

    // The step-up dialog too.
    await go(page, 'Data and deletion');
    await page.getByLabel('Type DELETE to confirm').fill('DELETE');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await page.getByRole('dialog', { name: 'Confirm it is you' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, `step-up-${width}`);
  }, 180_000);

  it('works with the keyboard alone: skip link, navigation, a form submitted with Enter, the dialog closed with Escape', async () => {
    const { page, userId } = await signedIn();
    // Let the first screen's effects run (Preact runs them after a paint; a frame was not always enough here), so
    // the Tab below starts from where the focus settles after a page load. Without this pause the test passed or
    // failed by how fast the Tab came, when the first screen still moved the focus to its heading.
    await page.waitForTimeout(500);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    // Into the navigation by Tab from the top bar: focus reaches "Password" and Enter opens it.
    await page.getByRole('link', { name: 'Password' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).waitFor();
    // The screen's heading has the focus: the next Tab reaches the screen's first field.
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keyboard-Only-2026!');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Keyboard-Only-2026!');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Confirm it is you' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await alert(page, 'The change was cancelled.');
    expect(user(userId).passwordHash).toBeDefined();
  });

  it('tells the user in words when Logto is down, at sign-in and behind the service', async () => {
    const { page } = await signedIn();
    // Behind the service: Logto's Management API fails (its sign-in endpoints still answer, so the page keeps its
    // token and only the service's own calls to Logto fail). The service answers a 5xx problem; the page says so.
    stack.emu.setFault({ match: '/api/', status: 503 });
    try {
      await go(page, 'Devices and apps');
      await alert(page, 'The sign-in service').catch(async (error) => {
        throw new Error(`no readable message; the page says: ${await page.locator('main').innerText()}`, { cause: error });
      });
      const text = await page.getByRole('alert').first().innerText();
      expect(text).not.toMatch(/upstream|ECONNREFUSED|undefined|503/);
    } finally {
      stack.emu.clearFaults();
    }

    // At sign-in: Logto is down altogether.
    await stack.emu.stop();
    try {
      const fresh = await stack.newPage();
      try {
        await fresh.page.goto(stack.spaUrl);
        await fresh.page.getByRole('button', { name: 'Sign in' }).click();
        await alert(fresh.page, 'Signing in did not work');
      } finally {
        await fresh.context.close();
      }
    } finally {
      await stack.emu.restart();
    }
  });
});

const SCREENS: Array<[link: string, file: string]> = [
  ['Profile', 'profile'],
  ['Email and phone', 'contact'],
  ['Password', 'password'],
  ['Linked accounts', 'identities'],
  ['Two-step verification', 'mfa'],
  ['Devices and apps', 'sessions'],
  ['Organizations', 'organizations'],
  ['Activity', 'activity'],
  ['Data and deletion', 'privacy'],
];

async function expectValue(locator: Locator, value: string): Promise<void> {
  await locator.waitFor();
  expect(await locator.inputValue()).toBe(value);
}
