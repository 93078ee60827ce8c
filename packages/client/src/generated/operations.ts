// Generated from openapi.yaml by `npm run client:generate`. Do not edit: `npm run client:check` fails on drift.
import type { operations as OperationTypes } from './openapi.js';

/** Every operation of openapi.yaml: the client has one method per entry. */
export const operations = [
  {"operationId":"createPasswordVerification","method":"POST","path":"/me/verifications/password","stepUp":false,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"createReauthenticationVerification","method":"POST","path":"/me/verifications/reauthentication","stepUp":false,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"createCodeVerification","method":"POST","path":"/me/verifications/code","stepUp":false,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"verifyCodeVerification","method":"POST","path":"/me/verifications/{verificationId}/verify","stepUp":false,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"getMyAccount","method":"GET","path":"/me","stepUp":false,"idempotent":false},
  {"operationId":"deleteMyAccount","method":"DELETE","path":"/me","stepUp":true,"idempotent":true},
  {"operationId":"updateMyAccount","method":"PATCH","path":"/me","stepUp":true,"idempotent":true,"bodyType":"application/merge-patch+json"},
  {"operationId":"updateMyProfile","method":"PATCH","path":"/me/profile","stepUp":false,"idempotent":true,"bodyType":"application/merge-patch+json"},
  {"operationId":"getMyCustomData","method":"GET","path":"/me/custom-data","stepUp":false,"idempotent":false},
  {"operationId":"updateMyCustomData","method":"PATCH","path":"/me/custom-data","stepUp":false,"idempotent":true,"bodyType":"application/merge-patch+json"},
  {"operationId":"getMyCustomDataSchema","method":"GET","path":"/me/custom-data/schema","stepUp":false,"idempotent":false},
  {"operationId":"sendEmailVerificationCode","method":"POST","path":"/me/email/verification-code","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"updateMyEmail","method":"PUT","path":"/me/email","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"removeMyEmail","method":"DELETE","path":"/me/email","stepUp":true,"idempotent":true},
  {"operationId":"sendPhoneVerificationCode","method":"POST","path":"/me/phone/verification-code","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"updateMyPhone","method":"PUT","path":"/me/phone","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"removeMyPhone","method":"DELETE","path":"/me/phone","stepUp":true,"idempotent":true},
  {"operationId":"getMyPasswordStatus","method":"GET","path":"/me/password","stepUp":false,"idempotent":false},
  {"operationId":"setMyPassword","method":"PUT","path":"/me/password","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"listMyIdentities","method":"GET","path":"/me/identities","stepUp":false,"idempotent":false},
  {"operationId":"createMySocialAuthorizationUri","method":"POST","path":"/me/identities/social/authorization-uri","stepUp":false,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"linkMySocialIdentity","method":"POST","path":"/me/identities/social","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"unlinkMySocialIdentity","method":"DELETE","path":"/me/identities/social/{target}","stepUp":true,"idempotent":true},
  {"operationId":"listMySessions","method":"GET","path":"/me/sessions","stepUp":false,"idempotent":false},
  {"operationId":"revokeAllMySessions","method":"DELETE","path":"/me/sessions","stepUp":true,"idempotent":true},
  {"operationId":"revokeMySession","method":"DELETE","path":"/me/sessions/{sessionId}","stepUp":false,"idempotent":true},
  {"operationId":"listMyGrants","method":"GET","path":"/me/grants","stepUp":false,"idempotent":false},
  {"operationId":"revokeMyGrant","method":"DELETE","path":"/me/grants/{grantId}","stepUp":false,"idempotent":true},
  {"operationId":"listMyOrganizations","method":"GET","path":"/me/organizations","stepUp":false,"idempotent":false},
  {"operationId":"listMyMfaFactors","method":"GET","path":"/me/mfa","stepUp":false,"idempotent":false},
  {"operationId":"startMyTotpEnrollment","method":"POST","path":"/me/mfa/totp/enrollment","stepUp":false,"idempotent":true},
  {"operationId":"confirmMyTotpEnrollment","method":"POST","path":"/me/mfa/totp","stepUp":true,"idempotent":true,"bodyType":"application/json"},
  {"operationId":"getMyBackupCodesStatus","method":"GET","path":"/me/mfa/backup-codes","stepUp":false,"idempotent":false},
  {"operationId":"regenerateMyBackupCodes","method":"POST","path":"/me/mfa/backup-codes","stepUp":true,"idempotent":true},
  {"operationId":"removeMyMfaFactor","method":"DELETE","path":"/me/mfa/{factorId}","stepUp":true,"idempotent":true},
  {"operationId":"getMySecurityOverview","method":"GET","path":"/me/security","stepUp":false,"idempotent":false},
  {"operationId":"getMyAccountDeletion","method":"GET","path":"/me/deletion","stepUp":false,"idempotent":false},
  {"operationId":"cancelMyAccountDeletion","method":"DELETE","path":"/me/deletion","stepUp":false,"idempotent":true},
  {"operationId":"exportMyAccount","method":"GET","path":"/me/export","stepUp":false,"idempotent":false},
  {"operationId":"listMyActivity","method":"GET","path":"/me/activity","stepUp":false,"idempotent":false},
] as const satisfies readonly OperationInfo[];

export interface OperationInfo {
  operationId: keyof OperationTypes;
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  /** The route may answer 403 `verification.required`; it takes a `Verification-Id` header. */
  stepUp: boolean;
  /** The route takes an `Idempotency-Key` header. */
  idempotent: boolean;
  bodyType?: string;
}

export type OperationId = (typeof operations)[number]['operationId'];
