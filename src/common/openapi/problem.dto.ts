import { ApiProperty } from '@nestjs/swagger';

/** RFC 9457 problem details: the body of every error response. */
export class ProblemDto {
  /** A URI identifying the problem type. */
  @ApiProperty({ example: 'urn:logto-account-service:problem:email.already_in_use' })
  type!: string;

  @ApiProperty({ example: 'The email address is used by another account' })
  title!: string;

  @ApiProperty({ example: 409 })
  status!: number;

  @ApiProperty({ example: 'Another account already uses this email address.' })
  detail!: string;

  /** The request path. */
  @ApiProperty({ example: '/me/email' })
  instance!: string;

  /** Stable machine-readable code; clients branch on it. */
  @ApiProperty({ example: 'email.already_in_use' })
  code!: string;

  /** Echoes the X-Request-Id response header; quote it when reporting a problem. */
  @ApiProperty({ example: '3f0c2a9e-8d7b-4b7e-9a55-1b2c3d4e5f60' })
  requestId!: string;
}

export class FieldErrorDto {
  @ApiProperty({ example: 'address.postalCode' })
  field!: string;

  @ApiProperty({ example: 'postalCode must be shorter than or equal to 32 characters' })
  message!: string;
}

export class ValidationProblemDto extends ProblemDto {
  @ApiProperty({ type: [FieldErrorDto] })
  errors!: FieldErrorDto[];

  /** The name a bad Idempotency-Key used for `errors` before; sent beside it for now. */
  @ApiProperty({
    type: [FieldErrorDto],
    required: false,
    deprecated: true,
    description: 'Deprecated: the same list as `errors`, sent only for a bad `Idempotency-Key`. Read `errors`; this will be removed.',
  })
  issues?: FieldErrorDto[];
}
