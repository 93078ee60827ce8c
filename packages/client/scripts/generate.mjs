#!/usr/bin/env node
/**
 * Generates the client's view of the service's API from the repository's openapi.yaml:
 * - src/generated/openapi.ts: the types (openapi-typescript), `paths`, `components`, `operations`;
 * - src/generated/operations.ts: the runtime table the client builds its methods from (method, path, which
 *   operations are mutations and which may ask for step-up), so no route is hand-copied.
 *
 * `--write` rewrites both files; `--check` exits 1 when either differs from what openapi.yaml gives (CI runs it
 * after `openapi:check`, so a change of the service's contract cannot land without a regenerated client).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const SOURCE = new URL('../../../openapi.yaml', import.meta.url);
const TYPES = new URL('../src/generated/openapi.ts', import.meta.url);
const OPERATIONS = new URL('../src/generated/operations.ts', import.meta.url);
const BANNER = '// Generated from openapi.yaml by `npm run client:generate`. Do not edit: `npm run client:check` fails on drift.\n';
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

const mode = process.argv[2];
if (mode !== '--write' && mode !== '--check') {
  console.error('usage: generate.mjs --write | --check');
  process.exit(2);
}

const text = readFileSync(SOURCE, 'utf8');
const document = parse(text);

const types = BANNER + astToString(await openapiTS(document, { alphabetize: false })).trimEnd() + '\n';
const operations = BANNER + renderOperations(document);

function renderOperations(doc) {
  const rows = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const parameters = operation.parameters ?? [];
      const header = (name) => parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === name.toLowerCase());
      const bodyTypes = Object.keys(operation.requestBody?.content ?? {});
      rows.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        // The service documents every route that can answer 403 verification.required with this header.
        stepUp: header('Verification-Id'),
        idempotent: header('Idempotency-Key'),
        // The first declared media type: JSON merge patch where the route offers it (RFC 7396).
        ...(bodyTypes.length > 0 ? { bodyType: bodyTypes[0] } : {}),
      });
    }
  }
  const lines = rows.map((row) => `  ${JSON.stringify(row)},`);
  return [
    "import type { operations as OperationTypes } from './openapi.js';",
    '',
    '/** Every operation of openapi.yaml: the client has one method per entry. */',
    'export const operations = [',
    ...lines,
    '] as const satisfies readonly OperationInfo[];',
    '',
    'export interface OperationInfo {',
    '  operationId: keyof OperationTypes;',
    "  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH';",
    '  path: string;',
    '  /** The route may answer 403 `verification.required`; it takes a `Verification-Id` header. */',
    '  stepUp: boolean;',
    '  /** The route takes an `Idempotency-Key` header. */',
    '  idempotent: boolean;',
    '  bodyType?: string;',
    '}',
    '',
    'export type OperationId = (typeof operations)[number][\'operationId\'];',
    '',
  ].join('\n');
}

const outputs = [
  [TYPES, types],
  [OPERATIONS, operations],
];
if (mode === '--write') {
  for (const [file, content] of outputs) writeFileSync(file, content);
  console.log('client: generated types and operations from openapi.yaml');
} else {
  const stale = outputs.filter(([file, content]) => {
    try {
      return readFileSync(file, 'utf8') !== content;
    } catch {
      return true;
    }
  });
  if (stale.length > 0) {
    for (const [file] of stale) console.error(`client: ${file.pathname} is stale; run npm run client:generate`);
    process.exit(1);
  }
  console.log('client: generated files match openapi.yaml');
}
