/**
 * Recorded exchanges the contract harness deliberately does not replay, each with its reason.
 * Keep this list to what the emulator is not meant to model.
 */
export const excludedExchanges: Record<string, string> = {
  '04-account-password-weak-rejected':
    "Logto's end-user Account API (/api/my-account, user-token auth), not the Management API this service uses; recorded only to document password.rejected's data shape.",
  '04-account-verifications-password':
    "Logto's end-user Account API (/api/verifications, user-token auth), not the Management API this service uses.",
};
