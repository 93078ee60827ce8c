/**
 * The vocabulary of problem extensions (RFC 9457 §3.2): each member a problem body may carry beyond the
 * standard ones, declared once with its JSON schema (for the OpenAPI document) and its TypeScript type (for
 * `DomainError`), so what a service attaches, what the filter renders and what the document shows cannot
 * drift apart. The catalogue (`error-codes.ts`) says which code carries which of them.
 *
 * One name per concept: a count of tries left is `remainingAttempts`, a list of bad fields is `errors`, the
 * verification methods a user can use are `methods`. A renamed member stays as a deprecated alias, declared
 * with `alias()`, until its removal release (CHANGELOG "Deprecated").
 */

/** The subset of OpenAPI 3.0 schema objects these declarations use. */
export type ExtensionSchema = Readonly<Record<string, unknown>>;

export interface ExtensionField<T = unknown, Required extends boolean = boolean> {
  readonly schema: ExtensionSchema;
  readonly description: string;
  /** Present on every problem of the code (otherwise only in the cases the description names). */
  readonly required: Required;
  /** A value for the OpenAPI example of each problem that carries the member. */
  readonly example: T;
  readonly deprecated?: {
    /** The member that replaces this one; it carries the same value. */
    readonly replacedBy: string;
    /** When the alias goes away (also in CHANGELOG "Deprecated"). */
    readonly removal: string;
    /**
     * Filled in by the renderer from `replacedBy` whenever that member is present, so services only ever
     * set the new name. When false the service sets it itself (it is sent only in some cases).
     */
    readonly automatic: boolean;
  };
}

/** A member present on every problem of the codes that declare it. */
export function required<T>(schema: ExtensionSchema, description: string, example: T): ExtensionField<T, true> {
  return { schema, description, required: true, example };
}

/** A member present only in the cases its description names. */
export function optional<T>(schema: ExtensionSchema, description: string, example: T): ExtensionField<T, false> {
  return { schema, description, required: false, example };
}

/** A member that some codes always carry and this one only in the case `when` names. */
export function sometimes<T>(field: ExtensionField<T>, when: string): ExtensionField<T, false> {
  return { schema: field.schema, description: `${field.description} ${when}`, required: false, example: field.example };
}

/** The old name of a renamed member, kept beside the new one until `removal`. */
export function alias<T, Automatic extends boolean>(
  field: ExtensionField<T>,
  replacedBy: string,
  removal: string,
  automatic: Automatic,
  note = '',
): ExtensionField<T, false> & { readonly deprecated: { readonly automatic: Automatic } } {
  return {
    schema: field.schema,
    description: `Deprecated: the same value as \`${replacedBy}\`; read \`${replacedBy}\`.${note ? ` ${note}` : ''} Removed in ${removal}.`,
    required: false,
    example: field.example,
    deprecated: { replacedBy, removal, automatic },
  };
}

/** Shapes shared by several members, published once under `components.schemas`. */
export interface FieldError {
  /** Dotted path of the field (a header name for a bad header); empty for the body as a whole. */
  field: string;
  message: string;
}

/** One violated rule of the password policy, as Logto names it, so clients can word it themselves. */
export interface PasswordIssue {
  code: string;
  interpolation?: Record<string, unknown>;
}

/**
 * The policy's violations as the problem shows them, from Logto's list (an error body's `data` or the
 * check-password answer's `issues`): only `code` and, when present, `interpolation`; anything else is dropped.
 */
export function passwordIssues(data: unknown): PasswordIssue[] {
  if (!Array.isArray(data)) return [];
  return data
    .filter((item): item is PasswordIssue => typeof item?.code === 'string')
    .map(({ code, interpolation }) => (interpolation ? { code, interpolation } : { code }));
}

export type StepUpMethod = 'password' | 'email' | 'phone' | 'reauthentication';

export const SHARED_SCHEMAS = {
  FieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', example: 'address.postalCode', description: 'Dotted path of the field; a header name for a bad header.' },
      message: { type: 'string', example: 'postalCode must be shorter than or equal to 32 characters' },
    },
  },
  PasswordIssue: {
    type: 'object',
    required: ['code'],
    properties: {
      code: { type: 'string', example: 'password_rejected.too_short', description: "Logto's code of the violated rule." },
      interpolation: { type: 'object', additionalProperties: true, example: { min: 8 }, description: 'Values for wording the rule.' },
    },
  },
} as const;

const FIELD_ERRORS = { type: 'array', items: { $ref: '#/components/schemas/FieldError' } };
const STEP_UP_METHODS = { type: 'array', items: { type: 'string', enum: ['password', 'email', 'phone', 'reauthentication'] } };
const COUNT = { type: 'integer', minimum: 0 };

/** Each member once: codes pick from these, so one concept keeps one name, schema and type. */
export const EXTENSIONS = {
  errors: required<FieldError[]>(FIELD_ERRORS, 'The fields that are not valid, each with what is wrong with it.', [
    { field: 'name', message: 'name must be shorter than or equal to 128 characters' },
  ]),
  remainingAttempts: required<number>(COUNT, 'How many more wrong tries are allowed before the lock (0: this was the last).', 4),
  methods: required<StepUpMethod[]>(STEP_UP_METHODS, 'The step-up verification methods this account can use now.', ['password', 'email']),
  reauthentication: optional<{ maxAge: number }>(
    { type: 'object', required: ['maxAge'], properties: { maxAge: { type: 'integer', minimum: 1, description: 'Sign in again with this `max_age` (seconds).' } } },
    'How to re-authenticate at Logto; present when ID-token re-authentication is configured (`REAUTH_CLIENT_IDS`).',
    { maxAge: 300 },
  ),
  passwordIssues: required<PasswordIssue[]>(
    { type: 'array', items: { $ref: '#/components/schemas/PasswordIssue' } },
    'The rules of the password policy that the password breaks.',
    [{ code: 'password_rejected.too_short', interpolation: { min: 8 } }],
  ),
  policy: optional<string>({ type: 'string' }, 'The rate-limit policy that was hit (as in the `RateLimit-Policy` header); absent for the export quota.', 'user'),
  backupCodesRemoved: optional<boolean>(
    { type: 'boolean', enum: [true] },
    'Only on `POST /me/mfa/backup-codes`, whatever the code: the previous backup codes were removed but the new set could not be stored; generate backup codes again.',
    true,
  ),
  checks: required<Record<string, string>>(
    { type: 'object', additionalProperties: { type: 'string', enum: ['up', 'down'] } },
    'The state of each dependency.',
    { logto: 'down', managementApi: 'down', redis: 'up' },
  ),
} as const;

/** Members any problem may carry, whatever its code (documented on the base `Problem` schema). */
export const COMMON_EXTENSIONS = { backupCodesRemoved: EXTENSIONS.backupCodesRemoved } as const;
