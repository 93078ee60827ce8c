// Generated from openapi.yaml by `npm run client:generate`. Do not edit: `npm run client:check` fails on drift.
export interface paths {
    "/me/verifications/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify with my password */
        post: operations["createPasswordVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/verifications/reauthentication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify with a fresh sign-in (ID token) */
        post: operations["createReauthenticationVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/verifications/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify with a code to my email or phone */
        post: operations["createCodeVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/verifications/{verificationId}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enter the code of a verification */
        post: operations["verifyCodeVerification"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read my account */
        get: operations["getMyAccount"];
        put?: never;
        post?: never;
        /** Delete my account */
        delete: operations["deleteMyAccount"];
        options?: never;
        head?: never;
        /** Update my name, avatar or username */
        patch: operations["updateMyAccount"];
        trace?: never;
    };
    "/me/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update my profile claims */
        patch: operations["updateMyProfile"];
        trace?: never;
    };
    "/me/custom-data": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read my custom data */
        get: operations["getMyCustomData"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update my custom data */
        patch: operations["updateMyCustomData"];
        trace?: never;
    };
    "/me/custom-data/schema": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read the schema of my custom data */
        get: operations["getMyCustomDataSchema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/email/verification-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a code to a new email address */
        post: operations["sendEmailVerificationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change my email address */
        put: operations["updateMyEmail"];
        post?: never;
        /** Remove my email address */
        delete: operations["removeMyEmail"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/phone/verification-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a code to a new phone number */
        post: operations["sendPhoneVerificationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/phone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Change my phone number */
        put: operations["updateMyPhone"];
        post?: never;
        /** Remove my phone number */
        delete: operations["removeMyPhone"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Do I have a password? */
        get: operations["getMyPasswordStatus"];
        /** Set or change my password */
        put: operations["setMyPassword"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/identities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List linked social and enterprise SSO identities
         * @description Only the provider key, the provider-side user id and the name, email and avatar the provider reported; never provider tokens or raw profiles. Enterprise SSO identities are read-only here: Logto links them at SSO sign-in and its Management API cannot link or unlink them.
         */
        get: operations["listMyIdentities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/identities/social/authorization-uri": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start linking a social identity
         * @description Returns the provider's authorization URI for the connector. `redirectUri` must be one of the operator's `SOCIAL_REDIRECT_URIS`, exactly. The client generates `state` and keeps it; the service keeps it too, for this account, for 10 minutes: POST /me/identities/social needs it back in `connectorData.state` and uses it up. One flow per account: starting another one replaces the previous one.
         */
        post: operations["createMySocialAuthorizationUri"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/identities/social": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link a social identity
         * @description Send what the provider returned to the redirect URI as `connectorData`, including its `state` (the one this account was issued at authorization-uri, within 10 minutes, once) and the `redirectUri` the flow started with. Needs a recent step-up verification. An identity already linked under the same provider key is replaced. Enterprise SSO identities cannot be linked here.
         */
        post: operations["linkMySocialIdentity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/identities/social/{target}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Unlink a social identity
         * @description Needs a recent step-up verification. Refused with 409 `account.last_sign_in_method` (checked before the verification) when the account would be left with no way to sign in: no password with an identifier, no email, no phone, no other social or SSO identity. Enterprise SSO identities cannot be unlinked here.
         */
        delete: operations["unlinkMySocialIdentity"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sign-in sessions
         * @description Logto's access and ID tokens carry no session id, so this service cannot tell which session the caller is using: no session is marked as the current one, and revoking one may sign the caller out.
         */
        get: operations["listMySessions"];
        put?: never;
        post?: never;
        /**
         * Sign out everywhere
         * @description Ends every sign-in session and revokes the grants authorized in them, so their refresh tokens stop working. Access tokens already issued stay valid until they expire. Needs a recent step-up verification. Grants not tied to a live session stay in GET /me/grants and can be revoked there.
         */
        delete: operations["revokeAllMySessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/sessions/{sessionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Sign out one session
         * @description Ends the session and revokes the grants authorized in it, so their refresh tokens stop working. An id that is not one of your sessions answers 404. Logto's access and ID tokens carry no session id, so this service cannot tell which session the caller is using: no session is marked as the current one, and revoking one may sign the caller out.
         */
        delete: operations["revokeMySession"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/grants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the applications you have granted access to */
        get: operations["listMyGrants"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/grants/{grantId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an application's access
         * @description Revokes the grant: its refresh tokens stop working and the application must ask again. Access tokens already issued stay valid until they expire. An id that is not one of your grants answers 404.
         */
        delete: operations["revokeMyGrant"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/organizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List your organizations and your roles in them
         * @description Read-only: organization membership and roles are managed by the tenant administrators.
         */
        get: operations["listMyOrganizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List my MFA factors
         * @description Authenticator app (`totp`), passkeys (`webauthn`), the backup code set (`backup_code`) and any other factor Logto holds. Never includes a secret or a code. Passkeys cannot be registered through this service: Logto registers them only in its sign-in experience or Account API (a WebAuthn ceremony in the browser), and its Management API can create only TOTP and backup codes. Passkeys registered there are listed here and can be removed; renaming them is only possible through Logto's Account API.
         */
        get: operations["listMyMfaFactors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/totp/enrollment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start adding an authenticator app
         * @description Generates a TOTP secret and returns it with its `otpauth://` URI and a QR code. Nothing is bound yet: confirm with a code from the app at `POST /me/mfa/totp` within 10 minutes. Starting again replaces a pending enrollment. The secret appears in this response only.
         */
        post: operations["startMyTotpEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/totp": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm the authenticator app with its first code
         * @description Checks the code against the pending secret (the current 30-second step, or the one before or after) and only then binds the app to the account in Logto. Five wrong codes burn the enrollment.
         */
        post: operations["confirmMyTotpEnrollment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/backup-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count my backup codes
         * @description How many backup codes the current set has and how many are unused. Never the codes.
         */
        get: operations["getMyBackupCodesStatus"];
        put?: never;
        /**
         * Generate new backup codes
         * @description Ten new single-use codes, shown once; the previous set stops working. Needs another factor first (Logto refuses backup codes as the only factor). Logto keeps one set per user, so the old set is removed just before the new one is stored; if Logto fails in between after retries, the problem carries `backupCodesRemoved: true` and the request can simply be repeated.
         */
        post: operations["regenerateMyBackupCodes"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/mfa/{factorId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove an MFA factor
         * @description Removes the authenticator app, a passkey or the backup code set. Logto itself deletes only the factor named, and would keep backup codes after the last real factor is gone; this service removes them too, since backup codes cannot stand alone.
         */
        delete: operations["removeMyMfaFactor"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/security": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My security overview
         * @description Password, masked email and phone, sign-in methods, linked identity counts, MFA factors and backup codes, active sessions, the step-up methods usable now, and for each sensitive action whether it needs `Verification-Id` and whether it can succeed now (with the reason when not).
         */
        get: operations["getMySecurityOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/deletion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read my scheduled account deletion */
        get: operations["getMyAccountDeletion"];
        put?: never;
        post?: never;
        /** Cancel my scheduled account deletion */
        delete: operations["cancelMyAccountDeletion"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Export my account data */
        get: operations["exportMyAccount"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me/activity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List my account activity */
        get: operations["listMyActivity"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        CreatePasswordVerificationDto: {
            /** @description The account's current password. Never logged or echoed. */
            password: string;
        };
        VerificationDto: {
            /**
             * @description Send it as the `Verification-Id` header of sensitive requests while it is verified and unexpired.
             * @example o3kD0r7mW2b1l1f0ZzJQm5b8pX2hX2tq8Qy1dE7sV1c
             */
            verificationId: string;
            /**
             * @description How the user proved it is them.
             * @enum {string}
             */
            method: "password" | "email" | "phone" | "reauthentication";
            /**
             * @description `pending` until the code is verified; only `verified` records unlock sensitive routes.
             * @enum {string}
             */
            status: "pending" | "verified";
            /**
             * @description When the record stops being accepted (ISO 8601).
             * @example 2025-01-01T12:10:00.000Z
             */
            expiresAt: string;
        };
        CreateReauthenticationVerificationDto: {
            /**
             * @description The ID token Logto issued to one of the apps in REAUTH_CLIENT_IDS after a fresh sign-in (authorization request
             *     with `max_age` or `prompt=login`). Used once; never logged or echoed.
             */
            idToken: string;
        };
        CreateCodeVerificationDto: {
            /**
             * @description Where the code goes: the account's current primary email or primary phone.
             * @enum {string}
             */
            channel: "email" | "phone";
        };
        VerifyCodeDto: {
            /**
             * @description The code received by email or SMS.
             * @example 123456
             */
            code: string;
        };
        AddressDto: {
            formatted?: string;
            streetAddress?: string;
            locality?: string;
            region?: string;
            postalCode?: string;
            country?: string;
        };
        ProfileDto: {
            /** @example Ada */
            givenName?: string;
            /** @example Lovelace */
            familyName?: string;
            /**
             * @description `YYYY-MM-DD`.
             * @example 1990-12-10
             */
            birthdate?: string;
            /**
             * @description IANA time zone.
             * @example Europe/London
             */
            zoneinfo?: string;
            /**
             * @description BCP 47 language tag.
             * @example en-GB
             */
            locale?: string;
            middleName?: string;
            nickname?: string;
            preferredUsername?: string;
            /** @description URL of the user's profile page. */
            profile?: string;
            /** @description URL of the user's web site. */
            website?: string;
            gender?: string;
            address?: components["schemas"]["AddressDto"];
        };
        IdentitySummaryDto: {
            /**
             * @description Targets of linked social identities (e.g. `github`).
             * @example [
             *       "github"
             *     ]
             */
            social: string[];
            /** @description Ids of the enterprise SSO connectors the user has signed in with. */
            sso: string[];
        };
        AccountDto: {
            /** @example u1a2b3c4d5e6 */
            id: string;
            /** @example ada_l */
            username: string | null;
            /** @example ada@example.com */
            primaryEmail: string | null;
            /**
             * @description Digits only, as Logto stores it (E.164 without the plus).
             * @example 15550100001
             */
            primaryPhone: string | null;
            /** @example Ada Lovelace */
            name: string | null;
            /** @example https://images.example.com/ada.png */
            avatar: string | null;
            /**
             * @description The user-visible part of custom data, as declared by the operator's schema.
             * @example {
             *       "theme": "dark"
             *     }
             */
            customData: {
                [key: string]: unknown;
            };
            /**
             * @description ISO 8601.
             * @example 2026-01-31T10:00:00.000Z
             */
            createdAt: string;
            /**
             * @description ISO 8601.
             * @example 2026-11-20T08:30:00.000Z
             */
            updatedAt: string;
            /**
             * @description ISO 8601; null if the user never signed in.
             * @example 2026-11-21T07:00:00.000Z
             */
            lastSignInAt: string | null;
            profile: components["schemas"]["ProfileDto"];
            identities: components["schemas"]["IdentitySummaryDto"];
            hasPassword: boolean;
        };
        UpdateAccountDto: {
            /** @description Display name; `null` clears it. */
            name?: string | null;
            /**
             * Format: uri
             * @description An https URL of the avatar image; `null` clears it.
             */
            avatar?: string | null;
            /**
             * @description New username (Logto's rule: letters, digits and underscores, not starting with a digit). A sign-in
             *     identifier: changing it needs a `Verification-Id`.
             */
            username?: string;
        };
        UpdateAddressDto: {
            formatted?: string | null;
            streetAddress?: string | null;
            locality?: string | null;
            region?: string | null;
            postalCode?: string | null;
            country?: string | null;
        };
        UpdateProfileDto: {
            givenName?: string | null;
            familyName?: string | null;
            middleName?: string | null;
            nickname?: string | null;
            preferredUsername?: string | null;
            /**
             * Format: uri
             * @description URL of the user's profile page.
             */
            profile?: string | null;
            /**
             * Format: uri
             * @description URL of the user's web site.
             */
            website?: string | null;
            gender?: string | null;
            /** @description `YYYY-MM-DD`, a real date, not in the future. */
            birthdate?: string | null;
            /** @description IANA time zone, e.g. `Europe/Paris`. */
            zoneinfo?: string | null;
            /** @description BCP 47 language tag, e.g. `fr-CA`. */
            locale?: string | null;
            /** @description Merged field by field; `null` removes the whole address. */
            address?: components["schemas"]["UpdateAddressDto"] | null;
        };
        SendEmailCodeDto: {
            /**
             * Format: email
             * @description The new address; Logto sends the code there.
             * @example ada@example.com
             */
            email: string;
        };
        ChangeEmailDto: {
            /**
             * Format: email
             * @description The new address, the same one the code was sent to.
             * @example ada@example.com
             */
            email: string;
            /**
             * @description The code sent to the new address by POST /me/email/verification-code.
             * @example 123456
             */
            code: string;
        };
        SendPhoneCodeDto: {
            /**
             * @description The new number in E.164 (spaces, dashes and parentheses are ignored); the code goes there by SMS.
             * @example +15550100001
             */
            phone: string;
        };
        ChangePhoneDto: {
            /**
             * @description The new number in E.164, the same one the code was sent to.
             * @example +15550100001
             */
            phone: string;
            /**
             * @description The code sent to the new number by POST /me/phone/verification-code.
             * @example 123456
             */
            code: string;
        };
        PasswordStatusDto: {
            /** @description Whether the account has a password (accounts created by social or SSO sign-in may not). */
            hasPassword: boolean;
        };
        SetPasswordDto: {
            /**
             * @description The new password. The sign-in experience's password policy applies (checked with Logto before anything
             *     changes); 256 characters is the longest any Logto policy allows.
             */
            password: string;
        };
        SocialIdentityDto: {
            /** @description The provider key the identity is linked under, e.g. `github`; the path parameter of DELETE. */
            target: string;
            /** @description The social connector serving this target, when the tenant still has one. */
            connectorId?: string;
            /** @description The user's id at the provider. */
            identityId: string;
            /** @description Name reported by the provider. */
            name?: string;
            /** @description Email reported by the provider (not necessarily verified by it, and not the account's email). */
            email?: string;
            /** @description Avatar URL reported by the provider: an http or https URL, else left out. */
            avatar?: string;
        };
        SsoIdentityDto: {
            /**
             * Format: date-time
             * @description When the identity was first linked (ISO 8601).
             * @example 2026-11-20T09:31:24.000Z
             */
            linkedAt?: string;
            ssoConnectorId: string;
            /** @description The identity provider's issuer. */
            issuer: string;
            /** @description The user's id at the identity provider. */
            identityId: string;
            /** @description Email reported by the identity provider. */
            email?: string;
        };
        IdentitiesDto: {
            social: components["schemas"]["SocialIdentityDto"][];
            /** @description Enterprise SSO identities: read-only here, Logto's Management API cannot link or unlink them. */
            sso: components["schemas"]["SsoIdentityDto"][];
        };
        SocialAuthorizationUriRequestDto: {
            /**
             * @description The social connector to link with (`connectorId` of an entry of GET /me/identities, or known to the app).
             * @example k3mf0w3u1qk2o0b2p9xz1
             */
            connectorId: string;
            /**
             * @description Where the provider sends the user back; must be one of the operator's SOCIAL_REDIRECT_URIS, exactly.
             * @example https://app.example.com/account/linked
             */
            redirectUri: string;
            /**
             * @description An unguessable value the client generates (16–512 printable ASCII characters). The provider echoes it on
             *     return; it goes back in `connectorData.state` of POST /me/identities/social, which accepts only the state
             *     last issued to this account, once, within 10 minutes.
             * @example b6f2c1e0a9d84f3cb1e7d2a4c5f60718
             */
            state: string;
        };
        SocialAuthorizationUriDto: {
            /** @description Send the user's browser here; the provider returns to `redirectUri` with the data for POST /me/identities/social. */
            authorizationUri: string;
        };
        LinkSocialIdentityRequestDto: {
            /**
             * @description The social connector the authorization was made with.
             * @example k3mf0w3u1qk2o0b2p9xz1
             */
            connectorId: string;
            /**
             * @description What the provider returned to the redirect URI, as the connector expects it: the query parameters (`code`,
             *     `state`, …) plus `redirectUri`. `state` is required and must be the one issued to this account at
             *     authorization-uri; `redirectUri`, when present, must be the one that flow started with. Passed to the
             *     connector unchanged and never logged.
             * @example {
             *       "code": "4/0AX4XfWh…",
             *       "state": "b6f2c1e0a9d84f3cb1e7d2a4c5f60718",
             *       "redirectUri": "https://app.example.com/account/linked"
             *     }
             */
            connectorData: {
                [key: string]: unknown;
            };
        };
        SessionApplicationDto: {
            /** @description The application's client id. */
            id: string;
            /** @description Its name, when the user has a live grant for it (Logto's session object carries no names). */
            name?: string;
        };
        SessionDto: {
            /**
             * Format: date-time
             * @description When the user signed in (ISO 8601).
             * @example 2026-11-20T09:31:24.000Z
             */
            signedInAt: string;
            /**
             * Format: date-time
             * @description When the session ends unless the user signs in again (ISO 8601).
             * @example 2026-11-20T09:31:24.000Z
             */
            expiresAt: string;
            /** @description The session id; the path parameter of DELETE /me/sessions/{sessionId}. */
            id: string;
            /** @description The applications signed in through this session. */
            applications: components["schemas"]["SessionApplicationDto"][];
            /** @description The address the sign-in came from, as Logto saw it. */
            ip?: string;
            /** @description The browser or client that signed in. */
            userAgent?: string;
            /**
             * @description How the user signed in.
             * @enum {string}
             */
            method?: "password" | "social" | "sso" | "email_code" | "phone_code" | "one_time_token";
        };
        SessionListDto: {
            items: components["schemas"]["SessionDto"][];
        };
        GrantApplicationDto: {
            /** @description The application's client id. */
            id: string;
            name: string;
        };
        GrantResourceDto: {
            /** @description The API resource indicator. */
            resource: string;
            /** @description The scopes granted for it. */
            scopes: string[];
        };
        GrantDto: {
            /**
             * Format: date-time
             * @description When the access was granted (ISO 8601).
             * @example 2026-11-20T09:31:24.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When the grant lapses unless renewed (ISO 8601).
             * @example 2026-11-20T09:31:24.000Z
             */
            expiresAt: string;
            /** @description The grant id; the path parameter of DELETE /me/grants/{grantId}. */
            id: string;
            application: components["schemas"]["GrantApplicationDto"];
            /** @description The OpenID Connect scopes granted (`openid`, `profile`, `offline_access`, …). */
            scopes: string[];
            /** @description The API resources the application may call on the user's behalf, with their scopes. */
            resources: components["schemas"]["GrantResourceDto"][];
        };
        GrantListDto: {
            items: components["schemas"]["GrantDto"][];
        };
        OrganizationRoleDto: {
            id: string;
            name: string;
        };
        OrganizationDto: {
            id: string;
            name: string;
            description?: string;
            /** @description The user's roles in this organization. */
            roles: components["schemas"]["OrganizationRoleDto"][];
        };
        OrganizationListDto: {
            items: components["schemas"]["OrganizationDto"][];
        };
        MfaFactorDto: {
            /**
             * @description The factor's id in Logto; use it to remove the factor.
             * @example k2x9c0a7b1m3n5p8q4r6t
             */
            id: string;
            /**
             * @example totp
             * @enum {string}
             */
            type: "totp" | "webauthn" | "backup_code" | "email_code" | "phone_code";
            /**
             * @description When the factor was bound (ISO 8601).
             * @example 2026-11-22T03:51:27.349Z
             */
            createdAt: string;
            /**
             * @description The name given to a passkey (WebAuthn) when it was registered.
             * @example MacBook Touch ID
             */
            name?: string;
            /**
             * @description Backup codes only: how many codes are still unused.
             * @example 10
             */
            remainingCodes?: number;
            /** @description The user agent a passkey (WebAuthn) was registered with. */
            agent?: string;
            /** @description When Logto last accepted this factor at sign-in (ISO 8601), when it reports it. */
            lastUsedAt?: string;
        };
        MfaFactorListDto: {
            items: components["schemas"]["MfaFactorDto"][];
        };
        TotpEnrollmentDto: {
            /**
             * @description Pass it back with the first code from the authenticator app.
             * @example Zp3v0eYt2m8Qw1Jr6cN4sB7xKdL9aF5hU0gT2iO8yE
             */
            enrollmentId: string;
            /**
             * @description The base32 TOTP secret, for typing it into the app by hand. Returned only here, only once.
             * @example JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP
             */
            secret: string;
            /**
             * @description The `otpauth://totp/…` key URI the QR code encodes (SHA-1, 6 digits, 30 s).
             * @example otpauth://totp/logto-account-service:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=logto-account-service&algorithm=SHA1&digits=6&period=30
             */
            otpauthUri: string;
            /**
             * @description The key URI as a QR code, a `data:image/png;base64,…` URL ready for an `<img src>`.
             * @example data:image/png;base64,iVBORw0KGgo…
             */
            qrCode: string;
            /**
             * @description When the enrollment lapses (ISO 8601); after that start again.
             * @example 2026-11-22T04:01:27.000Z
             */
            expiresAt: string;
        };
        ConfirmTotpDto: {
            /**
             * @description The 6-digit code the authenticator app shows now.
             * @example 123456
             */
            code: string;
            /** @description The id returned by POST /me/mfa/totp/enrollment. */
            enrollmentId: string;
        };
        BackupCodesStatusDto: {
            /**
             * @description Codes in the current set (0 when there is none).
             * @example 10
             */
            total: number;
            /**
             * @description Codes not used yet.
             * @example 7
             */
            remaining: number;
        };
        BackupCodesDto: {
            /**
             * @description Ten single-use codes (10 lowercase hex characters each).
             * @example [
             *       "3f9a1c07be",
             *       "91d2e4a0c3",
             *       "a7b6c5d4e3",
             *       "0f1e2d3c4b",
             *       "5a6b7c8d9e",
             *       "b1c2d3e4f5",
             *       "6f7e8d9cab",
             *       "c0ffee1234",
             *       "deadbeef01",
             *       "8badf00d77"
             *     ]
             */
            codes: string[];
        };
        MaskedIdentifierDto: {
            /**
             * @description Present only when `present` is true.
             * @example a***@example.com
             */
            masked?: string;
            present: boolean;
        };
        LinkedIdentityCountsDto: {
            /**
             * @description Linked social identities (GitHub, Google, …).
             * @example 1
             */
            social: number;
            /**
             * @description Enterprise SSO identities (read-only here).
             * @example 0
             */
            sso: number;
        };
        MfaSummaryDto: {
            /** @description True when the account has at least one factor besides backup codes. */
            enabled: boolean;
            factors: components["schemas"]["MfaFactorDto"][];
            backupCodes: components["schemas"]["BackupCodesStatusDto"];
        };
        SessionSummaryDto: {
            /**
             * @description Unexpired sign-in sessions in Logto, on every device.
             * @example 2
             */
            active: number;
        };
        ActionStateDto: {
            /**
             * @description Why it cannot, when `allowed` is false.
             * @example last_sign_in_method
             * @enum {string}
             */
            reason?: "no_verification_method" | "last_sign_in_method" | "nothing_to_remove" | "already_enrolled" | "needs_another_factor";
            /** @description The route takes a `Verification-Id` header from a step-up verification. */
            requiresVerification: boolean;
            /** @description The action can succeed for this account right now (after step-up when required). */
            allowed: boolean;
        };
        SecurityActionsDto: {
            /** @description PUT /me/email */
            changeEmail: components["schemas"]["ActionStateDto"];
            /** @description DELETE /me/email */
            removeEmail: components["schemas"]["ActionStateDto"];
            /** @description PUT /me/phone */
            changePhone: components["schemas"]["ActionStateDto"];
            /** @description DELETE /me/phone */
            removePhone: components["schemas"]["ActionStateDto"];
            /** @description PUT /me/password (also setting a first password) */
            changePassword: components["schemas"]["ActionStateDto"];
            /** @description POST /me/identities/social */
            linkIdentity: components["schemas"]["ActionStateDto"];
            /** @description DELETE /me/identities/social/{target}: allowed when at least one linked identity can go. */
            unlinkIdentity: components["schemas"]["ActionStateDto"];
            /** @description POST /me/mfa/totp (the authenticator app is the one factor this service can add) */
            addMfa: components["schemas"]["ActionStateDto"];
            /** @description POST /me/mfa/backup-codes */
            generateBackupCodes: components["schemas"]["ActionStateDto"];
            /** @description DELETE /me/mfa/{factorId} */
            removeMfa: components["schemas"]["ActionStateDto"];
            /** @description DELETE /me */
            deleteAccount: components["schemas"]["ActionStateDto"];
        };
        SecurityOverviewDto: {
            /**
             * @description The ways this account can sign in now: `password`, `email`, `phone`, `social:<target>`, `sso:<connectorId>`.
             * @example [
             *       "password",
             *       "email",
             *       "social:github"
             *     ]
             */
            signInMethods: string[];
            /**
             * @description The step-up verification methods this account can use right now.
             * @example [
             *       "password",
             *       "email"
             *     ]
             */
            stepUpMethods: ("password" | "email" | "phone")[];
            hasPassword: boolean;
            primaryEmail: components["schemas"]["MaskedIdentifierDto"];
            primaryPhone: components["schemas"]["MaskedIdentifierDto"];
            linkedIdentities: components["schemas"]["LinkedIdentityCountsDto"];
            mfa: components["schemas"]["MfaSummaryDto"];
            sessions: components["schemas"]["SessionSummaryDto"];
            actions: components["schemas"]["SecurityActionsDto"];
        };
        DeletionStatusDto: {
            /**
             * @example scheduled
             * @enum {string}
             */
            status: "none" | "scheduled";
            /**
             * @description When the user asked for the deletion (ISO 8601); only while scheduled.
             * @example 2026-11-20T08:30:00.000Z
             */
            requestedAt?: string;
            /**
             * @description When the account will be deleted (ISO 8601); only while scheduled. Cancel before then with DELETE /me/deletion.
             * @example 2026-12-20T08:30:00.000Z
             */
            scheduledFor?: string;
        };
        ActivityApplicationDto: {
            /**
             * @description The application's client id in Logto.
             * @example spa1a2b3c4d5e6f7
             */
            id: string;
        };
        ActivityItemDto: {
            /**
             * @description Stable id of the event.
             * @example x1y2z3a4b5c6d7e8f9g0h
             */
            id: string;
            /**
             * @example sign_in
             * @enum {string}
             */
            type: "sign_in" | "sign_up" | "password_reset" | "username_changed" | "email_changed" | "email_removed" | "phone_changed" | "phone_removed" | "password_changed" | "mfa_added" | "mfa_removed" | "backup_codes_regenerated" | "identity_linked" | "identity_unlinked" | "session_revoked" | "sessions_revoked" | "grant_revoked" | "deletion_scheduled" | "deletion_cancelled";
            /**
             * @description When it happened (ISO 8601).
             * @example 2026-11-22T03:51:27.349Z
             */
            at: string;
            /**
             * @description The address the request came from, as Logto saw it.
             * @example 203.0.113.7
             */
            ip?: string;
            /** @example Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 */
            userAgent?: string;
            /**
             * @example success
             * @enum {string}
             */
            result: "success" | "failure";
            /**
             * @description Non-secret facts about a change made through this service, e.g. `{ "target": "github" }`.
             * @example {
             *       "target": "github"
             *     }
             */
            details?: {
                [key: string]: unknown;
            };
            /** @description The application the user signed in to. */
            application?: components["schemas"]["ActivityApplicationDto"];
        };
        AccountExportDto: {
            /**
             * @description Version of this document's format; raised on incompatible changes.
             * @example 1
             */
            formatVersion: number;
            /**
             * @description When the export was made (ISO 8601).
             * @example 2026-11-22T03:51:27.349Z
             */
            exportedAt: string;
            /** @description The account with its profile claims and the user-visible custom data (as GET /me). */
            account: components["schemas"]["AccountDto"];
            /** @description Linked social and enterprise SSO identities (no provider tokens or raw provider data). */
            identities: components["schemas"]["IdentitiesDto"];
            /** @description MFA factors (no secrets, no codes). */
            mfaFactors: components["schemas"]["MfaFactorDto"][];
            /** @description Sign-in sessions. */
            sessions: components["schemas"]["SessionDto"][];
            /** @description Applications the user has authorized. */
            grants: components["schemas"]["GrantDto"][];
            organizations: components["schemas"]["OrganizationDto"][];
            /** @description The newest 100 items of the activity feed (as GET /me/activity). */
            activity: components["schemas"]["ActivityItemDto"][];
            /** @description Whether the account is scheduled for deletion. */
            deletion: components["schemas"]["DeletionStatusDto"];
        };
        ActivityPageDto: {
            /** @description Newest first. */
            items: components["schemas"]["ActivityItemDto"][];
            /** @description Pass as `cursor` for the next (older) page; absent on the last page. */
            nextCursor?: string;
        };
        /**
         * @description Every problem code this service answers with (README "Error codes"). Clients branch on it; codes are added, never renamed.
         * @enum {string}
         */
        ProblemCode: "request.validation_failed" | "request.malformed_body" | "request.body_too_deep" | "request.not_found" | "request.method_not_allowed" | "request.not_acceptable" | "request.timeout" | "request.body_too_large" | "request.unsupported_media_type" | "request.header_too_large" | "request.client_closed" | "precondition_failed" | "auth.token_missing" | "auth.token_invalid" | "auth.insufficient_scope" | "auth.client_not_allowed" | "webhook.signature_invalid" | "account.not_found" | "account.suspended" | "account.busy" | "account.last_sign_in_method" | "username.already_in_use" | "username.invalid" | "email.already_in_use" | "email.invalid" | "phone.already_in_use" | "phone.invalid" | "custom_data.invalid" | "custom_data.read_only_field" | "custom_data.too_large" | "custom_data.too_deep" | "custom_data.forbidden_key" | "verification.required" | "verification.invalid_password" | "verification.invalid_code" | "verification.locked" | "verification.expired" | "verification.channel_unavailable" | "verification.invalid_id_token" | "verification.method_unavailable" | "password.rejected" | "verification_code.invalid" | "verification_code.rate_limited" | "identity.already_in_use" | "identity.not_found" | "identity.verification_failed" | "identity.redirect_uri_not_allowed" | "identity.state_invalid" | "connector.not_found" | "session.not_found" | "grant.not_found" | "mfa.not_found" | "mfa.already_enrolled" | "mfa.backup_codes_need_factor" | "mfa.invalid_code" | "mfa.enrollment_expired" | "mfa.backup_codes_exist" | "deletion.not_scheduled" | "idempotency.key_reused" | "idempotency.in_progress" | "idempotency.not_replayable" | "upstream.unavailable" | "upstream.bad_response" | "upstream.timeout" | "upstream.unreachable" | "upstream.auth_failed" | "upstream.circuit_open" | "upstream.rejected" | "store.unavailable" | "health.unavailable" | "rate_limit.exceeded" | "internal";
        /** @description RFC 9457 problem details: the body of every error response. Members beyond these are declared per code (`Problem.<code>`). */
        Problem: {
            /**
             * @description A URI naming the problem type.
             * @example urn:logto-account-service:problem:email.already_in_use
             */
            type: string;
            /**
             * @description The code's title (the same for every occurrence).
             * @example The email address is used by another account
             */
            title: string;
            /** @example 409 */
            status: number;
            /**
             * @description What happened this time, for people.
             * @example Another account already uses this email address.
             */
            detail: string;
            /**
             * @description The request path (the route template where it has parameters).
             * @example /me/email
             */
            instance: string;
            code: components["schemas"]["ProblemCode"];
            /**
             * @description Echoes the X-Request-Id response header; quote it when reporting a problem.
             * @example 3f0c2a9e-8d7b-4b7e-9a55-1b2c3d4e5f60
             */
            requestId: string;
            /**
             * @description Only on `POST /me/mfa/backup-codes`, whatever the code: the previous backup codes were removed but the new set could not be stored; generate backup codes again.
             * @enum {boolean}
             */
            backupCodesRemoved?: true;
        };
        FieldError: {
            /**
             * @description Dotted path of the field; a header name for a bad header.
             * @example address.postalCode
             */
            field: string;
            /** @example postalCode must be shorter than or equal to 32 characters */
            message: string;
        };
        PasswordIssue: {
            /**
             * @description Logto's code of the violated rule.
             * @example password_rejected.too_short
             */
            code: string;
            /**
             * @description Values for wording the rule.
             * @example {
             *       "min": 8
             *     }
             */
            interpolation?: {
                [key: string]: unknown;
            };
        };
        /** @description `request.validation_failed` (400): The request is not valid. */
        "Problem.request.validation_failed": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "request.validation_failed";
            /** @description The fields that are not valid, each with what is wrong with it. Present whenever the fault is in named fields (body, query, path, headers). */
            errors?: components["schemas"]["FieldError"][];
            /**
             * @deprecated
             * @description Deprecated: the same value as `errors`; read `errors`. Sent only for a bad `Idempotency-Key`. Removed in 1.0.0, not before 2027-06-30.
             */
            issues?: components["schemas"]["FieldError"][];
        };
        /** @description `custom_data.invalid` (422): The custom data does not match its schema. */
        "Problem.custom_data.invalid": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "custom_data.invalid";
            /** @description The fields that are not valid, each with what is wrong with it. */
            errors: components["schemas"]["FieldError"][];
        };
        /** @description `verification.required` (403): This action needs a recent verification. */
        "Problem.verification.required": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "verification.required";
            /** @description The step-up verification methods this account can use now. */
            methods: ("password" | "email" | "phone" | "reauthentication")[];
            /** @description How to re-authenticate at Logto; present when ID-token re-authentication is configured (`REAUTH_CLIENT_IDS`). */
            reauthentication?: {
                /** @description Sign in again with this `max_age` (seconds). */
                maxAge: number;
            };
        };
        /** @description `verification.invalid_password` (422): The password is wrong. */
        "Problem.verification.invalid_password": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "verification.invalid_password";
            /** @description How many more wrong tries are allowed before the lock (0: this was the last). */
            remainingAttempts: number;
        };
        /** @description `verification.invalid_code` (422): The verification code is wrong. */
        "Problem.verification.invalid_code": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "verification.invalid_code";
            /** @description How many more wrong tries are allowed before the lock (0: this was the last). */
            remainingAttempts: number;
        };
        /** @description `verification.channel_unavailable` (409): The account has no such verification channel. */
        "Problem.verification.channel_unavailable": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "verification.channel_unavailable";
            /** @description The step-up verification methods this account can use now. */
            methods: ("password" | "email" | "phone" | "reauthentication")[];
        };
        /** @description `verification.invalid_id_token` (422): The ID token does not prove a fresh sign-in. */
        "Problem.verification.invalid_id_token": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "verification.invalid_id_token";
            /** @description How to re-authenticate at Logto; present when ID-token re-authentication is configured (`REAUTH_CLIENT_IDS`). */
            reauthentication?: {
                /** @description Sign in again with this `max_age` (seconds). */
                maxAge: number;
            };
        };
        /** @description `password.rejected` (422): The password does not meet the password policy. */
        "Problem.password.rejected": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "password.rejected";
            /** @description The rules of the password policy that the password breaks. */
            issues: components["schemas"]["PasswordIssue"][];
        };
        /** @description `mfa.invalid_code` (422): The one-time code is wrong. */
        "Problem.mfa.invalid_code": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "mfa.invalid_code";
            /** @description How many more wrong tries are allowed before the lock (0: this was the last). */
            remainingAttempts: number;
            /**
             * @deprecated
             * @description Deprecated: the same value as `remainingAttempts`; read `remainingAttempts`. Removed in 1.0.0, not before 2027-06-30.
             */
            attemptsLeft?: number;
        };
        /** @description `health.unavailable` (503): A dependency is not available. */
        "Problem.health.unavailable": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "health.unavailable";
            /** @description The state of each dependency. */
            checks: {
                [key: string]: "up" | "down";
            };
        };
        /** @description `rate_limit.exceeded` (429): Too many requests. */
        "Problem.rate_limit.exceeded": components["schemas"]["Problem"] & {
            /** @enum {string} */
            code: "rate_limit.exceeded";
            /** @description The rate-limit policy that was hit (as in the `RateLimit-Policy` header); absent for the export quota. */
            policy?: string;
        };
    };
    responses: {
        /** @description `custom_data.forbidden_key`, `custom_data.too_deep` */
        "Problems400-custom_data.forbidden_key-custom_data.too_deep": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `email.invalid`, `request.validation_failed` */
        "Problems400-email.invalid-request.validation_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.request.validation_failed"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "email.invalid";
                });
            };
        };
        /** @description `identity.redirect_uri_not_allowed`, `identity.state_invalid`, `request.validation_failed` */
        "Problems400-identity.redirect_uri_not_allowed-identity.state_invalid-request.validation_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.request.validation_failed"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "identity.redirect_uri_not_allowed" | "identity.state_invalid";
                });
            };
        };
        /** @description `identity.redirect_uri_not_allowed`, `request.validation_failed` */
        "Problems400-identity.redirect_uri_not_allowed-request.validation_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.request.validation_failed"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "identity.redirect_uri_not_allowed";
                });
            };
        };
        /** @description `phone.invalid`, `request.validation_failed` */
        "Problems400-phone.invalid-request.validation_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.request.validation_failed"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "phone.invalid";
                });
            };
        };
        /** @description `request.validation_failed` */
        "Problems400-request.validation_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.request.validation_failed"];
            };
        };
        /** @description `request.validation_failed`, `username.invalid` */
        "Problems400-request.validation_failed-username.invalid": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.request.validation_failed"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "username.invalid";
                });
            };
        };
        /** @description `auth.token_invalid`, `auth.token_missing` */
        Problems401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `auth.insufficient_scope` */
        Problems403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `auth.insufficient_scope`, `custom_data.read_only_field` */
        "Problems403-custom_data.read_only_field": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `auth.insufficient_scope`, `verification.required` */
        "Problems403-verification.required": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.verification.required"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "auth.insufficient_scope";
                });
            };
        };
        /** @description `account.not_found` */
        Problems404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.not_found`, `connector.not_found` */
        "Problems404-connector.not_found": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.not_found`, `deletion.not_scheduled` */
        "Problems404-deletion.not_scheduled": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.not_found`, `grant.not_found` */
        "Problems404-grant.not_found": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.not_found`, `identity.not_found` */
        "Problems404-identity.not_found": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.not_found`, `mfa.not_found` */
        "Problems404-mfa.not_found": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.not_found`, `session.not_found` */
        "Problems404-session.not_found": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable` */
        Problems409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `account.last_sign_in_method`, `idempotency.in_progress`, `idempotency.not_replayable` */
        "Problems409-account.last_sign_in_method": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `email.already_in_use`, `idempotency.in_progress`, `idempotency.not_replayable` */
        "Problems409-email.already_in_use": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `identity.already_in_use` */
        "Problems409-identity.already_in_use": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `mfa.already_enrolled` */
        "Problems409-mfa.already_enrolled": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `mfa.backup_codes_exist`, `mfa.backup_codes_need_factor` */
        "Problems409-mfa.backup_codes_exist-mfa.backup_codes_need_factor": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `phone.already_in_use` */
        "Problems409-phone.already_in_use": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `username.already_in_use` */
        "Problems409-username.already_in_use": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `verification.channel_unavailable` */
        "Problems409-verification.channel_unavailable": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.verification.channel_unavailable"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "account.busy" | "idempotency.in_progress" | "idempotency.not_replayable";
                });
            };
        };
        /** @description `account.busy`, `idempotency.in_progress`, `idempotency.not_replayable`, `verification.method_unavailable` */
        "Problems409-verification.method_unavailable": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `mfa.enrollment_expired` */
        "Problems410-mfa.enrollment_expired": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `verification.expired` */
        "Problems410-verification.expired": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `precondition_failed` */
        "Problems412-precondition_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `custom_data.too_large` */
        "Problems413-custom_data.too_large": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `idempotency.key_reused` */
        Problems422: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `custom_data.invalid`, `idempotency.key_reused` */
        "Problems422-custom_data.invalid": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.custom_data.invalid"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "idempotency.key_reused";
                });
            };
        };
        /** @description `idempotency.key_reused`, `identity.verification_failed` */
        "Problems422-identity.verification_failed": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `idempotency.key_reused`, `mfa.invalid_code` */
        "Problems422-mfa.invalid_code": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.mfa.invalid_code"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "idempotency.key_reused";
                });
            };
        };
        /** @description `idempotency.key_reused`, `password.rejected` */
        "Problems422-password.rejected": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.password.rejected"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "idempotency.key_reused";
                });
            };
        };
        /** @description `idempotency.key_reused`, `verification_code.invalid` */
        "Problems422-verification_code.invalid": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `idempotency.key_reused`, `verification.invalid_code` */
        "Problems422-verification.invalid_code": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.verification.invalid_code"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "idempotency.key_reused";
                });
            };
        };
        /** @description `idempotency.key_reused`, `verification.invalid_id_token` */
        "Problems422-verification.invalid_id_token": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.verification.invalid_id_token"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "idempotency.key_reused";
                });
            };
        };
        /** @description `idempotency.key_reused`, `verification.invalid_password` */
        "Problems422-verification.invalid_password": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.verification.invalid_password"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "idempotency.key_reused";
                });
            };
        };
        /** @description `rate_limit.exceeded` */
        Problems429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.rate_limit.exceeded"];
            };
        };
        /** @description `rate_limit.exceeded`, `verification_code.rate_limited` */
        "Problems429-verification_code.rate_limited": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.rate_limit.exceeded"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "verification_code.rate_limited";
                });
            };
        };
        /** @description `rate_limit.exceeded`, `verification.locked` */
        "Problems429-verification.locked": {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem.rate_limit.exceeded"] | (components["schemas"]["Problem"] & {
                    /** @enum {string} */
                    code: "verification.locked";
                });
            };
        };
        /** @description `upstream.bad_response`, `upstream.rejected`, `upstream.unavailable` */
        Problems502: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `store.unavailable`, `upstream.auth_failed`, `upstream.circuit_open`, `upstream.unreachable` */
        Problems503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description `upstream.timeout` */
        Problems504: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    createPasswordVerification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePasswordVerificationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422-verification.invalid_password"];
            429: components["responses"]["Problems429-verification.locked"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    createReauthenticationVerification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReauthenticationVerificationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-verification.method_unavailable"];
            422: components["responses"]["Problems422-verification.invalid_id_token"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    createCodeVerification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCodeVerificationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-verification.channel_unavailable"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429-verification_code.rate_limited"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    verifyCodeVerification: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                verificationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VerifyCodeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            410: components["responses"]["Problems410-verification.expired"];
            422: components["responses"]["Problems422-verification.invalid_code"];
            429: components["responses"]["Problems429-verification.locked"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMyAccount: {
        parameters: {
            query?: never;
            header?: {
                /** @description A previous ETag: 304 when unchanged. */
                "If-None-Match"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description Strong entity tag */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    deleteMyAccount: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deletion is scheduled. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletionStatusDto"];
                };
            };
            /** @description The account was deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    updateMyAccount: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /** @description The ETag of the representation you changed; if it no longer matches, the change is refused with 412. */
                "If-Match"?: string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["UpdateAccountDto"];
                "application/json": components["schemas"]["UpdateAccountDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed-username.invalid"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-username.already_in_use"];
            412: components["responses"]["Problems412-precondition_failed"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    updateMyProfile: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the representation you changed; if it no longer matches, the change is refused with 412. */
                "If-Match"?: string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": components["schemas"]["UpdateProfileDto"];
                "application/json": components["schemas"]["UpdateProfileDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            412: components["responses"]["Problems412-precondition_failed"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMyCustomData: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    updateMyCustomData: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the representation you changed; if it no longer matches, the change is refused with 412. */
                "If-Match"?: string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/merge-patch+json": {
                    [key: string]: unknown;
                };
                "application/json": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["Problems400-custom_data.forbidden_key-custom_data.too_deep"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-custom_data.read_only_field"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            412: components["responses"]["Problems412-precondition_failed"];
            413: components["responses"]["Problems413-custom_data.too_large"];
            422: components["responses"]["Problems422-custom_data.invalid"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMyCustomDataSchema: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A JSON Schema (the dialect of CUSTOM_DATA_SCHEMA, named by `$schema`). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    sendEmailVerificationCode: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendEmailCodeDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problems400-email.invalid-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-email.already_in_use"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429-verification_code.rate_limited"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    updateMyEmail: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeEmailDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            400: components["responses"]["Problems400-email.invalid-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-email.already_in_use"];
            422: components["responses"]["Problems422-verification_code.invalid"];
            429: components["responses"]["Problems429-verification.locked"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    removeMyEmail: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-account.last_sign_in_method"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    sendPhoneVerificationCode: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SendPhoneCodeDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problems400-phone.invalid-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-phone.already_in_use"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429-verification_code.rate_limited"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    updateMyPhone: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePhoneDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountDto"];
                };
            };
            400: components["responses"]["Problems400-phone.invalid-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-phone.already_in_use"];
            422: components["responses"]["Problems422-verification_code.invalid"];
            429: components["responses"]["Problems429-verification.locked"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    removeMyPhone: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-account.last_sign_in_method"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMyPasswordStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordStatusDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    setMyPassword: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SetPasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422-password.rejected"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    listMyIdentities: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IdentitiesDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    createMySocialAuthorizationUri: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SocialAuthorizationUriRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SocialAuthorizationUriDto"];
                };
            };
            400: components["responses"]["Problems400-identity.redirect_uri_not_allowed-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404-connector.not_found"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    linkMySocialIdentity: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkSocialIdentityRequestDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SocialIdentityDto"];
                };
            };
            400: components["responses"]["Problems400-identity.redirect_uri_not_allowed-identity.state_invalid-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404-connector.not_found"];
            409: components["responses"]["Problems409-identity.already_in_use"];
            422: components["responses"]["Problems422-identity.verification_failed"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    unlinkMySocialIdentity: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description The provider key of the linked identity (`target` in GET /me/identities), e.g. `github`. */
                target: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404-identity.not_found"];
            409: components["responses"]["Problems409-account.last_sign_in_method"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    listMySessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionListDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    revokeAllMySessions: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    revokeMySession: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description `id` of an entry of GET /me/sessions. */
                sessionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404-session.not_found"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    listMyGrants: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GrantListDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    revokeMyGrant: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description `id` of an entry of GET /me/grants. */
                grantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404-grant.not_found"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    listMyOrganizations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganizationListDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    listMyMfaFactors: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaFactorListDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    startMyTotpEnrollment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TotpEnrollmentDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-mfa.already_enrolled"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    confirmMyTotpEnrollment: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmTotpDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaFactorDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-mfa.already_enrolled"];
            410: components["responses"]["Problems410-mfa.enrollment_expired"];
            422: components["responses"]["Problems422-mfa.invalid_code"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMyBackupCodesStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupCodesStatusDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    regenerateMyBackupCodes: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupCodesDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404"];
            409: components["responses"]["Problems409-mfa.backup_codes_exist-mfa.backup_codes_need_factor"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    removeMyMfaFactor: {
        parameters: {
            query?: never;
            header: {
                /** @description Id of a verified step-up record (POST /me/verifications/password, /me/verifications/reauthentication, or /me/verifications/code then /verify). Missing, pending, expired or foreign → 403 `verification.required` with `methods`. */
                "Verification-Id": string;
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path: {
                factorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403-verification.required"];
            404: components["responses"]["Problems404-mfa.not_found"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMySecurityOverview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SecurityOverviewDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    getMyAccountDeletion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DeletionStatusDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    cancelMyAccountDeletion: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description Makes a retry safe (IETF httpapi idempotency-key draft): a key runs its request at most once. The first successful
                 *     response is stored 24 h and replayed with `Idempotent-Replayed: true` for the same key and body; another body →
                 *     422 `idempotency.key_reused`; while the first is running → 409 `idempotency.in_progress` (with `Retry-After`).
                 *     Errors are not stored: a retry after one runs again. 1–255 printable ASCII characters; a bad key → 400
                 *     `request.validation_failed` with the field under `errors` (also under `issues`, deprecated, to be removed).
                 *
                 *     A replay is checked like a new request: authentication, scopes and suspension first, then step-up (a request that
                 *     needed a `Verification-Id` needs a valid one again). Responses that carry secrets (backup codes, a TOTP secret or
                 *     `otpauth` URI, a verification id) are never stored: a retry of their key answers 409 `idempotency.not_replayable`,
                 *     and the client sends the request again with a new key. So does a retry whose response was larger than the
                 *     per-user byte cap. Each user keeps at most `IDEMPOTENCY_MAX_RECORDS_PER_USER` records and
                 *     `IDEMPOTENCY_MAX_BYTES_PER_USER` bytes (defaults 100 and 1 MiB), the oldest evicted first; an evicted key is new again.
                 */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The deletion is cancelled. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404-deletion.not_scheduled"];
            409: components["responses"]["Problems409"];
            422: components["responses"]["Problems422"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    exportMyAccount: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description attachment; filename="account-export-{userId}.json" */
                    "Content-Disposition"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccountExportDto"];
                };
            };
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
    listMyActivity: {
        parameters: {
            query?: {
                /** @description Items per page, 1–100. */
                limit?: number;
                /** @description The `nextCursor` of the previous page, as it was given. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActivityPageDto"];
                };
            };
            400: components["responses"]["Problems400-request.validation_failed"];
            401: components["responses"]["Problems401"];
            403: components["responses"]["Problems403"];
            404: components["responses"]["Problems404"];
            429: components["responses"]["Problems429"];
            502: components["responses"]["Problems502"];
            503: components["responses"]["Problems503"];
            504: components["responses"]["Problems504"];
        };
    };
}
