import type { LogtoOrganization } from '../../logto/logto.types.js';

export class OrganizationRoleDto {
  id!: string;
  name!: string;
}

export class OrganizationDto {
  id!: string;
  name!: string;
  description?: string;
  /** The user's roles in this organization. */
  roles!: OrganizationRoleDto[];
}

export class OrganizationListDto {
  items!: OrganizationDto[];
}

/** From Logto's `{...organization, organizationRoles}` (09-user-organizations-nonempty); custom data and branding stay out. */
export function toOrganizationDto(organization: LogtoOrganization): OrganizationDto {
  const dto: OrganizationDto = {
    id: organization.id,
    name: organization.name,
    roles: (organization.organizationRoles ?? []).map(({ id, name }) => ({ id, name })),
  };
  if (organization.description) dto.description = organization.description;
  return dto;
}
