import { ApiProperty } from '@nestjs/swagger';

/**
 * A pending authenticator-app enrollment. Nothing is bound to the account yet: show the QR code (or the
 * secret), then confirm with a code from the app at POST /me/mfa/totp before `expiresAt`.
 */
export class TotpEnrollmentDto {
  /** Pass it back with the first code from the authenticator app. */
  @ApiProperty({ example: 'Zp3v0eYt2m8Qw1Jr6cN4sB7xKdL9aF5hU0gT2iO8yE' })
  enrollmentId!: string;

  /** The base32 TOTP secret, for typing it into the app by hand. Returned only here, only once. */
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' })
  secret!: string;

  /** The `otpauth://totp/…` key URI the QR code encodes (SHA-1, 6 digits, 30 s). */
  @ApiProperty({ example: 'otpauth://totp/logto-account-service:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=logto-account-service&algorithm=SHA1&digits=6&period=30' })
  otpauthUri!: string;

  /** The key URI as a QR code, a `data:image/png;base64,…` URL ready for an `<img src>`. */
  @ApiProperty({ example: 'data:image/png;base64,iVBORw0KGgo…' })
  qrCode!: string;

  /** When the enrollment lapses (ISO 8601); after that start again. */
  @ApiProperty({ example: '2026-11-22T04:01:27.000Z' })
  expiresAt!: string;
}
