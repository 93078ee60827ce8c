/**
 * `GET /api/users/:userId/organizations` (09-user-organizations-*): the organizations the user is
 * a member of, each `{...organization, organizationRoles: [{id, name}]}` (the user's roles in that
 * organization); `[]` for none; 404 `entity.not_found` for an unknown user.
 */
import type { EmulatorRoutePlugin } from './index.js';
import { entityNotFound } from '../errors.js';

export const organizationsRoutes: EmulatorRoutePlugin = async (app, { ctx }) => {
  const { state } = ctx;

  app.get<{ Params: { userId: string } }>('/api/users/:userId/organizations', async (request) => {
    const { userId } = request.params;
    if (!state.users.has(userId)) throw entityNotFound();
    const result: Array<Record<string, unknown>> = [];
    for (const membership of state.organizationMemberships.values()) {
      if (membership.userId !== userId) continue;
      const organization = state.organizations.get(membership.organizationId);
      if (!organization) continue;
      const organizationRoles = membership.organizationRoleIds.flatMap((roleId) => {
        const role = state.organizationRoles.get(roleId);
        return role ? [{ id: role.id, name: role.name }] : [];
      });
      result.push({ ...structuredClone(organization), organizationRoles });
    }
    return result;
  });
};
