/**
 * Writes or checks openapi.yaml from the code, without starting a server or touching the network:
 * Nest's preview mode builds the route table without constructing any provider.
 *   node dist/tools/openapi.js --write openapi.yaml
 *   node dist/tools/openapi.js --check openapi.yaml   (exit 1 when the committed file is stale)
 * Run from the build (`npm run openapi`): the Swagger CLI plugin's DTO metadata exists only there.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { readFileSync, writeFileSync } from 'node:fs';
import { Document, isScalar, visit } from 'yaml';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/load-config.js';
import { buildOpenApiDocument } from '../common/openapi/openapi.js';

/** Placeholder settings: preview mode never uses them, but the module graph needs a config. */
const PREVIEW_ENV = {
  LOGTO_ENDPOINT: 'http://logto.invalid',
  LOGTO_AUDIENCE: 'https://account.invalid',
  LOGTO_M2M_APP_ID: 'preview',
  LOGTO_M2M_APP_SECRET: 'preview',
};

export async function generateOpenApiYaml(): Promise<string> {
  const app = await NestFactory.create(AppModule.forRoot(loadConfig(PREVIEW_ENV)), new FastifyAdapter(), {
    preview: true,
    logger: false,
    abortOnError: false,
  });
  const document = buildOpenApiDocument(app);
  await app.close();
  return toYaml(document);
}

/**
 * YAML for people: a `$ref` and a short list of plain values (tags, enums, required members) on one line,
 * `"409": { $ref: "#/components/responses/Problems409" }`; everything else in block style.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Map(_key, node) {
      if (node.items.length === 1 && isScalar(node.items[0].key) && node.items[0].key.value === '$ref') node.flow = true;
    },
    Seq(_key, node) {
      if (node.items.length > 0 && node.items.length <= FLOW_LIST_MAX && node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0 });
}

const FLOW_LIST_MAX = 8;

export function compareOpenApi(generated: string, committed: string | undefined): { ok: boolean; message: string } {
  if (committed === undefined) return { ok: false, message: 'openapi.yaml is missing: run `npm run openapi`.' };
  if (committed === generated) return { ok: true, message: 'openapi.yaml matches the code.' };
  const a = committed.split('\n');
  const b = generated.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? Math.min(a.length, b.length) : line;
  return {
    ok: false,
    message: [
      `openapi.yaml differs from what the code generates (first difference at line ${at + 1}):`,
      `  committed: ${a[at] ?? '<end of file>'}`,
      `  generated: ${b[at] ?? '<end of file>'}`,
      'Run `npm run openapi` and commit the result.',
    ].join('\n'),
  };
}

async function cli(argv: string[]): Promise<number> {
  const [mode, file = 'openapi.yaml'] = argv;
  if (mode !== '--write' && mode !== '--check') {
    process.stderr.write('usage: openapi.js --write|--check [file]\n');
    return 2;
  }
  const generated = await generateOpenApiYaml();
  if (mode === '--write') {
    writeFileSync(file, generated);
    process.stdout.write(`wrote ${file}\n`);
    return 0;
  }
  let committed: string | undefined;
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    committed = undefined;
  }
  const result = compareOpenApi(generated, committed);
  (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
  return result.ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
