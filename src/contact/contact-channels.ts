import { domainToASCII } from 'node:url';
import { isEmail } from 'class-validator';
import type { AuditEvent } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import type { ErrorCode } from '../common/errors/error-codes.js';
import type { VerificationCodeTarget } from '../logto/logto.types.js';

export type ContactChannel = 'email' | 'phone';

/**
 * What differs between email and phone; everything else (ContactService) is one implementation for both.
 * Addresses are handled in one form: an email trimmed with its domain in lower-case A-labels, a phone as digits
 * only (Logto's form).
 */
export interface ContactChannelRules {
  channel: ContactChannel;
  /** The Logto user field that holds it. */
  field: 'primaryEmail' | 'primaryPhone';
  /** Client input → the address in Logto's form; throws the channel's 400 when it is not valid. */
  normalize(input: string): string;
  target(address: string): VerificationCodeTarget;
  inUse: ErrorCode;
  inUseDetail: string;
  changed: AuditEvent;
  removed: AuditEvent;
}

/** Longest address RFC 5321 lets through a mail server. */
const MAX_EMAIL_LENGTH = 254;

/**
 * An address in the one form it is compared and stored in: trimmed, the domain lower-cased and an
 * internationalized domain converted to its A-labels (`bücher.example` → `xn--bcher-kva.example`), so
 * `ada@Example.COM` and `ada@example.com`, or the Unicode and the punycode form of one domain, are the same
 * address for the in-use check and the write. The local part is kept as given: RFC 5321 leaves its case to
 * the receiving server (Logto's own lookup compares it case-insensitively anyway).
 */
export function normalizeEmail(input: string): string {
  const trimmed = input.trim();
  const at = trimmed.lastIndexOf('@');
  // domainToASCII answers '' for a domain it cannot convert; the checks below then refuse the address.
  const email = at > 0 ? `${trimmed.slice(0, at)}@${domainToASCII(trimmed.slice(at + 1))}` : trimmed;
  // Logto's own guard is /^\S+@\S+\.\S+$/; validator's isEmail is stricter, and both must pass.
  if (email.length > MAX_EMAIL_LENGTH || !/^\S+@\S+\.\S+$/.test(email) || !isEmail(email)) {
    throw new DomainError('email.invalid', 'Give a valid email address, e.g. ada@example.com.');
  }
  return email;
}

/** E.164: a country code that does not start with 0, at most 15 digits in all. */
const E164_DIGITS = /^[1-9]\d{6,14}$/;

/**
 * An E.164 number (`+15550100001`) → Logto's form (`15550100001`: Logto 1.41 accepts digits only,
 * 03-users-patch-invalid-phone). Spaces, dashes, dots and parentheses are ignored; the plus may be left out
 * because the account shows the number without it (so a client can send back what it read).
 */
export function normalizePhone(input: string): string {
  const compact = input.trim().replace(/[\s().-]/g, '');
  const digits = compact.startsWith('+') ? compact.slice(1) : compact;
  if (!E164_DIGITS.test(digits)) {
    throw new DomainError('phone.invalid', 'Give the phone number in E.164 format, e.g. +15550100001.');
  }
  return digits;
}

export const CONTACT_CHANNELS: Record<ContactChannel, ContactChannelRules> = {
  email: {
    channel: 'email',
    field: 'primaryEmail',
    normalize: normalizeEmail,
    target: (email) => ({ email }),
    inUse: 'email.already_in_use',
    inUseDetail: 'Another account already uses this email address.',
    changed: 'email.changed',
    removed: 'email.removed',
  },
  phone: {
    channel: 'phone',
    field: 'primaryPhone',
    normalize: normalizePhone,
    target: (phone) => ({ phone }),
    inUse: 'phone.already_in_use',
    inUseDetail: 'Another account already uses this phone number.',
    changed: 'phone.changed',
    removed: 'phone.removed',
  },
};
