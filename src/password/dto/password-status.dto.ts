export class PasswordStatusDto {
  /** Whether the account has a password (accounts created by social or SSO sign-in may not). */
  hasPassword!: boolean;
}

export function mapPasswordStatus(hasPassword: boolean): PasswordStatusDto {
  return { hasPassword };
}
