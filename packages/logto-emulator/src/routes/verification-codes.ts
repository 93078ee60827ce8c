/**
 * Generic verification codes of the Management API (05-vcode-*): `POST /api/verification-codes`
 * sends a 6-digit code through the e-mail or SMS connector (here: into the emulator's outbox),
 * `POST /api/verification-codes/verify` checks it.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { EmulatorPluginOptions } from '../context.js';
import {
  EMAIL_REGEX,
  PHONE_REGEX,
  assertNoIssues,
  bodyObject,
  invalidStringIssue,
  invalidTypeIssue,
  invalidUnionIssue,
  logtoError,
  type ZodIssue,
} from '../errors.js';
import type { VerificationChannel } from '../state.js';

/** Logto's system default: 10 sends per recipient per 600 s (05-vcode-email-send-rate-limited). */
export const SEND_LIMIT = 10;
export const SEND_WINDOW_MS = 10 * 60 * 1000;
/** Default `maxRetryAttempts` per code (05-vcode-email-verify-exceed-max-try). */
export const MAX_FAILED_ATTEMPTS = 10;
/** Logto's passcodes expire after 10 minutes. */
export const CODE_TTL_MS = 10 * 60 * 1000;

interface Recipient {
  channel: VerificationChannel;
  to: string;
  key: string;
}

/** `{email}` or `{phone}`; neither is a zod union failure listing both branches (05-vcode-send-empty-body). */
function parseRecipient(body: Record<string, unknown>, extraIssues: (issues: ZodIssue[]) => void = () => {}): Recipient {
  const issues: ZodIssue[] = [];
  let recipient: Recipient | undefined;
  const check = (field: 'email' | 'phone', regex: RegExp, channel: VerificationChannel): void => {
    const value = body[field];
    if (typeof value !== 'string') issues.push(invalidTypeIssue([field], 'string', value));
    else if (!regex.test(value)) issues.push(invalidStringIssue([field]));
    else recipient = { channel, to: value, key: `${channel}:${value}` };
  };
  if (body.email !== undefined) check('email', EMAIL_REGEX, 'email');
  else if (body.phone !== undefined) check('phone', PHONE_REGEX, 'phone');
  else {
    issues.push(
      invalidUnionIssue([], [[invalidTypeIssue(['email'], 'string', undefined)], [invalidTypeIssue(['phone'], 'string', undefined)]]),
    );
  }
  extraIssues(issues);
  assertNoIssues(issues);
  return recipient as Recipient;
}

const codeNotFound = () =>
  logtoError(400, 'verification_code.not_found', 'Verification code not found. Please send verification code first.');

export async function verificationCodesRoutes(app: FastifyInstance, options: EmulatorPluginOptions): Promise<void> {
  const { ctx } = options;
  const { state } = ctx;

  app.post('/api/verification-codes', async (request, reply) => {
    const recipient = parseRecipient(bodyObject(request.body));
    const now = ctx.now();
    const sends = (state.verificationSends.get(recipient.key) ?? []).filter((at) => now - at < SEND_WINDOW_MS);
    state.verificationSends.set(recipient.key, sends);
    if (sends.length >= SEND_LIMIT) {
      // No Retry-After header (05-vcode-email-send-rate-limited); a refused send leaves the
      // pending code usable (05-vcode-email-verify-latest-code-while-rate-limited).
      throw logtoError(429, 'request.message_rate_limited', 'Too many messages sent to this recipient. Please try again later.');
    }
    sends.push(now);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // A new send replaces the previous unconsumed code (05-vcode-email-verify-previous-code-after-resend).
    state.verificationCodes.set(recipient.key, { channel: recipient.channel, to: recipient.to, code, createdAt: now, failedAttempts: 0 });
    state.outbox.push({ to: recipient.to, channel: recipient.channel, code, sentAt: now });
    return reply.code(204).send();
  });

  app.post('/api/verification-codes/verify', async (request, reply) => {
    const body = bodyObject(request.body);
    const recipient = parseRecipient(body, (issues) => {
      if (typeof body.verificationCode !== 'string') {
        issues.push(invalidTypeIssue(['verificationCode'], 'string', body.verificationCode));
      }
    });
    const pending = state.verificationCodes.get(recipient.key);
    if (!pending) throw codeNotFound();
    if (ctx.now() - pending.createdAt >= CODE_TTL_MS) {
      throw logtoError(400, 'verification_code.expired', 'Verification code has expired. Please request a new verification code.');
    }
    // After 10 wrong tries even the right code is refused (05-vcode-email-verify-right-code-after-exceed).
    if (pending.failedAttempts >= MAX_FAILED_ATTEMPTS) {
      throw logtoError(
        400,
        'verification_code.exceed_max_try',
        'Verification code retries limitation exceeded. Please request a new verification code.',
      );
    }
    if (body.verificationCode !== pending.code) {
      pending.failedAttempts += 1;
      throw logtoError(400, 'verification_code.code_mismatch', 'Invalid verification code.');
    }
    // Consumed: verifying again is not_found (05-vcode-email-verify-consumed).
    state.verificationCodes.delete(recipient.key);
    return reply.code(204).send();
  });
}
