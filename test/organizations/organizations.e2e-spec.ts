import { bearer, tokenFor, useEmulatorApp } from '../support/test-app.js';

describe('Organizations (/me/organizations)', () => {
  const h = useEmulatorApp();

  it("lists the user's organizations with the user's roles in each, read scope only", async () => {
    const user = h.emu.seedUser({ username: 'org_member' });
    const colleague = h.emu.seedUser({ username: 'org_colleague' });
    const acme = h.emu.addOrganization({ name: 'Acme', description: 'Rockets and anvils', customData: { plan: 'enterprise' } });
    const globex = h.emu.addOrganization({ name: 'Globex' });
    const initech = h.emu.addOrganization({ name: 'Initech' });
    h.emu.addUserToOrganization(user.id, acme.id, ['admin', 'billing']);
    h.emu.addUserToOrganization(user.id, globex.id);
    h.emu.addUserToOrganization(colleague.id, initech.id, ['owner']);
    h.emu.addUserToOrganization(colleague.id, acme.id, ['owner']);
    const roleId = (name: string) => [...h.emu.state.organizationRoles.values()].find((role) => role.name === name)!.id;

    const res = await h.t.inject({
      method: 'GET',
      url: '/me/organizations',
      headers: bearer(await tokenFor(h.emu, user.id, ['account:read'])),
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
    const user = h.emu.seedUser({ username: 'org_loner' });
    const res = await h.t.inject({ method: 'GET', url: '/me/organizations', headers: bearer(await tokenFor(h.emu, user.id)) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [] });
  });
});
