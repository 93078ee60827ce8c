/** Deploy-time settings, read from config.json next to index.html so one build serves every tenant. */
export interface AccountCenterConfig {
  /** Logto's endpoint, e.g. https://tenant.logto.app */
  logtoEndpoint: string;
  /** The app id of the Logto single-page application. */
  appId: string;
  /** The account service's base URL (no trailing slash). */
  serviceUrl: string;
  /** The service's API resource indicator (its LOGTO_AUDIENCE). */
  apiResource: string;
  /** The scopes the service requires (ACCOUNT_READ_SCOPE, ACCOUNT_WRITE_SCOPE). */
  scopes?: string[];
  /** Where Logto sends the user back; defaults to this page's address. */
  redirectUri?: string;
  /** Where Logto sends the user after sign-out; defaults to this page's address. */
  postSignOutRedirectUri?: string;
}

export async function loadConfig(): Promise<AccountCenterConfig> {
  const response = await fetch(new URL('config.json', document.baseURI), { cache: 'no-store' });
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const raw = (await response.json()) as Partial<AccountCenterConfig> & { resource?: string };
  // The service serves `resource`; `apiResource` is accepted as its alias.
  const config: Partial<AccountCenterConfig> = { ...raw, apiResource: raw.resource ?? raw.apiResource };
  for (const key of ['logtoEndpoint', 'appId', 'serviceUrl', 'apiResource'] as const) {
    if (typeof config[key] !== 'string' || !config[key]) throw new Error(`config.json: ${key} is missing`);
  }
  return { ...(config as AccountCenterConfig), serviceUrl: config.serviceUrl!.replace(/\/+$/, '') };
}

/** This page's own address without query or fragment: the default redirect URI. */
export function pageAddress(): string {
  return `${location.origin}${location.pathname}`;
}
