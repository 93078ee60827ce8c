import { LogtoEmulator } from '../../src/emulator/index.js';
import { bearer, startTestApp, tokenFor, type TestApp } from '../support/test-app.js';

describe('Organizations (/me/organizations)', () => {
  let emu: LogtoEmulator;
  let t: TestApp;

  beforeAll(async () => {
    emu = await LogtoEmulator.start();
    t = await startTestApp({ emulator: emu });
  });

  afterAll(async () => {
    await t.close();
    await emu.close();
  });

  it("lists the user's organizations with the user's roles in each, read scope only", async () => {
    const user = emu.seedUser({ username: 'org_member' });
    const colleague = emu.seedUser({ username: 'org_colleague' });
    const acme = emu.addOrganization({ name: 'Acme', description: 'Rockets and anvils', customData: { plan: 'enterprise' } });
    const globex = emu.addOrganization({ name: 'Globex' });
    const initech = emu.addOrganization({ name: 'Initech' });
    emu.addUserToOrganization(user.id, acme.id, ['admin', 'billing']);
    emu.addUserToOrganization(user.id, globex.id);
    emu.addUserToOrganization(colleague.id, initech.id, ['owner']);
    emu.addUserToOrganization(colleague.id, acme.id, ['owner']);
    const roleId = (name: string) => [...emu.state.organizationRoles.values()].find((role) => role.name === name)!.id;

    const res = await t.inject({
      method: 'GET',
      url: '/me/organizations',
      headers: bearer(await tokenFor(emu, user.id, ['account:read'])),
    });

    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          id: acme.id,
          name: 'Acme',
          description: 'Rockets and anvils',
          roles: [
            { id: roleId('admin'), name: 'admin' },
            { id: roleId('billing'), name: 'billing' },
          ],
        },
        { id: globex.id, name: 'Globex', roles: [] },
      ],
    });
    expect(res.body).not.toContain('enterprise');
  });

  it('answers an empty list for a user in no organization', async () => {
    const user = emu.seedUser({ username: 'org_loner' });
    const res = await t.inject({ method: 'GET', url: '/me/organizations', headers: bearer(await tokenFor(emu, user.id)) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });
});
