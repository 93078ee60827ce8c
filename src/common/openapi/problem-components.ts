import { ERROR_CATALOG, type CatalogEntry, type ErrorCode } from '../errors/error-codes.js';
import { problemType } from '../errors/problem.js';
import { COMMON_EXTENSIONS, SHARED_SCHEMAS, type ExtensionField } from '../errors/problem-extensions.js';

/**
 * The problem part of the OpenAPI document, generated from the error catalogue alone, each thing once:
 * - `components.schemas.ProblemCode`: every code (a string enum, so a client generator makes a union);
 * - `components.schemas.Problem`: the members every problem has;
 * - `components.schemas["Problem.<code>"]`: for each code with extension members, `Problem` narrowed to that
 *   code plus its members (deprecated aliases marked `deprecated: true`);
 * - `components.examples["<code>"]`: one example body per code;
 * - `components.responses["Problems<status>[-<code>…]"]`: one response per set of codes that some operation
 *   answers with one status. Named after the status and the codes beyond those every authenticated route
 *   answers with that status (`Problems401`, `Problems409-email.already_in_use`); `Problems<status>-only-…`
 *   when it lacks some of those (a route that is not authenticated, or not a write).
 * Operations `$ref` the responses; the responses `$ref` the examples and schemas.
 */

const CATALOG = ERROR_CATALOG as Record<ErrorCode, CatalogEntry>;
const PROBLEM_JSON = 'application/problem+json';
const EXAMPLE_REQUEST_ID = '3f0c2a9e-8d7b-4b7e-9a55-1b2c3d4e5f60';

export const PROBLEM_SCHEMA = 'Problem';
export const PROBLEM_CODE_SCHEMA = 'ProblemCode';

/** The schema name of a code's problem when it has extension members, else undefined (it is a plain `Problem`). */
export function problemSchemaName(code: ErrorCode): string | undefined {
  return hasExtensions(code) ? `Problem.${code}` : undefined;
}

function hasExtensions(code: ErrorCode): boolean {
  return Object.keys(CATALOG[code].extensions ?? {}).length > 0;
}

const schemaRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function property(field: ExtensionField): Record<string, unknown> {
  return { ...field.schema, description: field.description, ...(field.deprecated ? { deprecated: true } : {}) };
}

export function problemSchemas(): Record<string, unknown> {
  const codes = Object.keys(CATALOG) as ErrorCode[];
  const schemas: Record<string, unknown> = {
    [PROBLEM_CODE_SCHEMA]: {
      type: 'string',
      enum: codes,
      description: 'Every problem code this service answers with (README "Error codes"). Clients branch on it; codes are added, never renamed.',
    },
    [PROBLEM_SCHEMA]: {
      type: 'object',
      description: 'RFC 9457 problem details: the body of every error response. Members beyond these are declared per code (`Problem.<code>`).',
      required: ['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId'],
      properties: {
        type: { type: 'string', description: 'A URI naming the problem type.', example: problemType('email.already_in_use') },
        title: { type: 'string', description: "The code's title (the same for every occurrence).", example: CATALOG['email.already_in_use'].title },
        status: { type: 'integer', example: 409 },
        detail: { type: 'string', description: 'What happened this time, for people.', example: 'Another account already uses this email address.' },
        instance: { type: 'string', description: 'The request path (the route template where it has parameters).', example: '/me/email' },
        code: { ...schemaRef(PROBLEM_CODE_SCHEMA) },
        requestId: { type: 'string', description: 'Echoes the X-Request-Id response header; quote it when reporting a problem.', example: EXAMPLE_REQUEST_ID },
        ...Object.fromEntries(Object.entries(COMMON_EXTENSIONS).map(([name, field]) => [name, property(field)])),
      },
    },
    ...SHARED_SCHEMAS,
  };
  for (const code of codes) {
    const name = problemSchemaName(code);
    if (!name) continue;
    const fields = Object.entries(CATALOG[code].extensions ?? {});
    schemas[name] = {
      description: `\`${code}\` (${CATALOG[code].status}): ${CATALOG[code].title}.`,
      allOf: [
        schemaRef(PROBLEM_SCHEMA),
        {
          type: 'object',
          required: ['code', ...fields.filter(([, field]) => field.required).map(([member]) => member)],
          properties: {
            code: { type: 'string', enum: [code] },
            ...Object.fromEntries(fields.map(([member, field]) => [member, property(field)])),
          },
        },
      ],
    };
  }
  return schemas;
}

/** One example body per code, with every extension member it declares (deprecated aliases included). */
export function problemExamples(codes: readonly ErrorCode[]): Record<string, unknown> {
  return Object.fromEntries(
    [...codes].sort().map((code) => {
      const { status, title, extensions = {} } = CATALOG[code];
      // Copies: a value shared between examples would come out of the YAML as an anchor and aliases.
      const members = Object.fromEntries(Object.entries(extensions).map(([member, field]) => [member, structuredClone(field.example)]));
      return [
        code,
        {
          summary: title,
          value: { type: problemType(code), title, status, detail: title, instance: '/me', code, requestId: EXAMPLE_REQUEST_ID, ...members },
        },
      ];
    }),
  );
}

/** The response object for `codes`, all of one status. */
export function problemResponse(codes: readonly ErrorCode[]): Record<string, unknown> {
  const sorted = [...codes].sort();
  const typed = sorted.filter(hasExtensions);
  const plain = sorted.filter((code) => !hasExtensions(code));
  const plainSchema =
    typed.length === 0 ? schemaRef(PROBLEM_SCHEMA) : { allOf: [schemaRef(PROBLEM_SCHEMA), { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: plain } } }] };
  const alternatives = [...typed.map((code) => schemaRef(problemSchemaName(code)!)), ...(plain.length > 0 ? [plainSchema] : [])];
  return {
    // The codes only: each example's summary is the code's title.
    description: sorted.map((code) => `\`${code}\``).join(', '),
    content: {
      [PROBLEM_JSON]: {
        schema: alternatives.length === 1 ? alternatives[0] : { oneOf: alternatives },
        examples: Object.fromEntries(sorted.map((code) => [code, { $ref: `#/components/examples/${code}` }])),
      },
    },
  };
}

/** The name of the shared response for `codes` of one status; `common` are the codes every such route answers with. */
export function problemResponseName(status: number, codes: readonly ErrorCode[], common: readonly ErrorCode[]): string {
  const sorted = [...new Set(codes)].sort();
  if (common.every((code) => sorted.includes(code))) {
    return ['Problems' + status, ...sorted.filter((code) => !common.includes(code))].join('-');
  }
  return [`Problems${status}`, 'only', ...sorted].join('-');
}

export function statusOf(code: ErrorCode): number {
  return CATALOG[code].status;
}
