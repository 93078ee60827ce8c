/**
 * MFA factors of a user (07-mfa-*):
 *
 * - `GET /api/users/:userId/mfa-verifications` → `[{id, createdAt (ISO), type, remainCodes?}]`;
 *   BackupCode entries carry `remainCodes` (unused codes), WebAuthn entries `agent` and `name`
 *   (openapi.json; factors registered through the Account API / sign-in experience); no secrets.
 * - `POST /api/users/:userId/mfa-verifications`
 *   - `{type: "Totp", secret?}` → `{type, secret, secretQrCode}`: a generated 32-char base32 secret
 *     unless one is given; `secretQrCode` is a PNG data URL of the `otpauth://totp/…` key URI
 *     (label = the user's display name, issuer = the request host name). 422
 *     `user.totp_already_in_use` when the user has TOTP, 422 `user.totp_secret_invalid` for a
 *     secret that is not base32.
 *   - `{type: "BackupCode", codes?}` → `{type, codes}` (10 × 10-char lowercase hex when generated).
 *     422 `user.wrong_backup_code_format` for bad caller codes, 422
 *     `session.mfa.backup_code_can_not_be_alone` when the user has no other factor, 422
 *     `user.backup_code_already_in_use` while a previous set still has unused codes (a fully used set
 *     is replaced).
 *   - any other type → 400 `guard.invalid_input` (invalid_union_discriminator).
 * - `DELETE /api/users/:userId/mfa-verifications/:verificationId` → 204; 404 `entity.not_found`.
 * Unknown user → 404 `entity.not_found`.
 */
import type { LogtoMfaVerification } from '@logto-account-service/logto-api-types';
import QRCode from 'qrcode';

import type { EmulatorRoutePlugin } from './index.js';
import {
  assertNoIssues,
  bodyObject,
  entityNotFound,
  guardError,
  invalidDiscriminatorIssue,
  invalidTypeIssue,
  logtoError,
  type ZodIssue,
} from '../errors.js';
import { addMfaVerification, generateBackupCodes, generateTotpSecret } from '../seed-accounts.js';
import type { EmulatorUser, MfaVerification } from '../state.js';

const CREATABLE_TYPES = ['Totp', 'BackupCode'];

/** Base32 (RFC 4648 alphabet, case-insensitive, optional padding), at least 16 characters. */
const BASE32_SECRET = /^[A-Z2-7]{16,}=*$/i;
const BACKUP_CODE = /^[\da-f]{10}$/;

/** A list entry (07-mfa-list-nonempty): no secrets, no codes. */
export function toMfaListEntry(verification: MfaVerification): LogtoMfaVerification {
  const entry: LogtoMfaVerification = {
    id: verification.id,
    createdAt: verification.createdAt,
    type: verification.type,
  };
  if (verification.type === 'BackupCode') {
    entry.remainCodes = (verification.codes ?? []).filter((code) => code.usedAt === null).length;
  }
  if (verification.type === 'WebAuthn') {
    if (verification.agent !== undefined) entry.agent = verification.agent;
    if (verification.name !== undefined) entry.name = verification.name;
  }
  return entry;
}

/** How Logto names the user in the TOTP key URI. */
function displayName(user: EmulatorUser): string {
  return user.name ?? user.username ?? user.primaryEmail ?? user.primaryPhone ?? user.id;
}

/** The otpauth key URI authenticator apps read (`otpauth://totp/<issuer>:<label>?secret=…`). */
export function totpKeyUri(label: string, issuer: string, secret: string): string {
  const query = new URLSearchParams({ secret, period: '30', digits: '6', algorithm: 'SHA1', issuer });
  return `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?${query.toString()}`;
}

export const mfaRoutes: EmulatorRoutePlugin = async (app, { ctx }) => {
  const { state } = ctx;

  const findUser = (userId: string): EmulatorUser => {
    const user = state.users.get(userId);
    if (!user) throw entityNotFound();
    return user;
  };

  app.get<{ Params: { userId: string } }>('/api/users/:userId/mfa-verifications', async (request) => {
    findUser(request.params.userId);
    return state.mfaOf(request.params.userId).map(toMfaListEntry);
  });

  app.post<{ Params: { userId: string } }>('/api/users/:userId/mfa-verifications', async (request) => {
    const body = bodyObject(request.body);
    if (typeof body.type !== 'string' || !CREATABLE_TYPES.includes(body.type)) {
      throw guardError([invalidDiscriminatorIssue(['type'], CREATABLE_TYPES)]);
    }
    const issues: ZodIssue[] = [];
    if (body.type === 'Totp' && body.secret !== undefined && typeof body.secret !== 'string') {
      issues.push(invalidTypeIssue(['secret'], 'string', body.secret));
    }
    if (body.type === 'BackupCode' && body.codes !== undefined) {
      if (!Array.isArray(body.codes)) issues.push(invalidTypeIssue(['codes'], 'array', body.codes));
      else
        body.codes.forEach((code, index) => {
          if (typeof code !== 'string') issues.push(invalidTypeIssue(['codes', index], 'string', code));
        });
    }
    assertNoIssues(issues);

    const user = findUser(request.params.userId);
    const factors = state.mfaOf(user.id);

    if (body.type === 'Totp') {
      if (factors.some((factor) => factor.type === 'Totp')) {
        throw logtoError(422, 'user.totp_already_in_use', 'TOTP is already in use.');
      }
      const given = body.secret as string | undefined;
      if (given !== undefined && !BASE32_SECRET.test(given)) {
        throw logtoError(422, 'user.totp_secret_invalid', 'Invalid TOTP secret supplied.');
      }
      const secret = given ?? generateTotpSecret();
      const issuer = request.hostname.replace(/:\d+$/, '');
      const secretQrCode = await QRCode.toDataURL(totpKeyUri(displayName(user), issuer, secret));
      addMfaVerification(ctx, user.id, { type: 'Totp', secret });
      return { type: 'Totp', secret, secretQrCode };
    }

    const given = body.codes as string[] | undefined;
    if (given !== undefined && (given.length === 0 || !given.every((code) => BACKUP_CODE.test(code)))) {
      throw logtoError(422, 'user.wrong_backup_code_format', 'Backup code format is invalid.');
    }
    if (!factors.some((factor) => factor.type !== 'BackupCode')) {
      throw logtoError(422, 'session.mfa.backup_code_can_not_be_alone', 'Backup code can not be the only MFA.');
    }
    if (factors.some((factor) => factor.type === 'BackupCode' && (factor.codes ?? []).some((code) => code.usedAt === null))) {
      throw logtoError(422, 'user.backup_code_already_in_use', 'Backup code is already in use.');
    }
    const codes = given ?? generateBackupCodes();
    state.setMfaOf(
      user.id,
      factors.filter((factor) => factor.type !== 'BackupCode'),
    );
    addMfaVerification(ctx, user.id, { type: 'BackupCode', codes });
    return { type: 'BackupCode', codes };
  });

  app.delete<{ Params: { userId: string; verificationId: string } }>(
    '/api/users/:userId/mfa-verifications/:verificationId',
    async (request, reply) => {
      const user = findUser(request.params.userId);
      const factors = state.mfaOf(user.id);
      if (!factors.some((factor) => factor.id === request.params.verificationId)) throw entityNotFound();
      state.setMfaOf(
        user.id,
        factors.filter((factor) => factor.id !== request.params.verificationId),
      );
      state.touchUser(user);
      return reply.status(204).send();
    },
  );
};
