/**
 * Enough of an identifier for its owner to recognize it on a settings page, not enough to read it off a
 * shoulder-surfed screen or a shared screenshot: `a***@example.com`, `*******9999`.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

/** Logto stores phone numbers as digits only (E.164 without the plus); the last four stay visible. */
export function maskPhone(phone: string): string {
  const visible = phone.length > 6 ? 4 : 2;
  return `${'*'.repeat(Math.max(phone.length - visible, 3))}${phone.slice(-visible)}`;
}
