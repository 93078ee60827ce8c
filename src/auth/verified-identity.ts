/** Who is calling, as established by a verified Logto access token. The only source of a user id. */
export interface VerifiedIdentity {
  userId: string;
  scopes: ReadonlySet<string>;
  clientId?: string;
  /** Token expiry, epoch seconds. */
  expiresAt: number;
}
