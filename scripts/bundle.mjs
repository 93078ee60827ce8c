#!/usr/bin/env node
/**
 * `npm run build` (after `nest build`): bundles dist/main.js and what it imports into one ESM file, dist/server.js,
 * the production entry (`npm start`, the Docker image). Start-up of dist/main.js is mostly module loading (~2,700
 * files: stat calls and compiling each); one file starts about as fast as a hand-written Fastify server (issue #20).
 * `npm run bundle:smoke` proves the bundle serves what dist/main.js serves.
 *
 * Some packages stay external (loaded from node_modules at run time, which the image keeps): EXTERNALS says which
 * and why. The build fails when
 *   - rolldown warns (an unresolved import means a package is missing from EXTERNALS or from the dependencies);
 *   - a bundled module locates something on disk (`__dirname`, `import.meta.url`, `require.resolve`, a worker) and
 *     has not been reviewed (REVIEWED: in a bundle those name dist/, not the package's own folder);
 *   - the bundle `require`s a package at run time (createRequire) that is also bundled: two copies, two states.
 *
 *   node scripts/bundle.mjs [--quiet]
 */
import { readFileSync, statSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const INPUT = 'dist/main.js';
const OUTPUT = 'dist/server.js';

/** Import specifiers left to Node at run time, each with the reason. */
export const EXTERNALS = [
  {
    test: /^(pino|pino-pretty|thread-stream)(\/|$)/,
    why: 'pino runs transports in worker threads from files found by __dirname (lib/worker.js, thread-stream/lib/worker.js); pino-pretty (dev only) is resolved by logger.ts and loaded in that worker',
  },
  {
    test: /^swagger-ui-dist(\/|$)/,
    why: "@nestjs/swagger requires it at run time (createRequire) for its absolute path: Swagger UI's assets are served from that folder",
  },
  {
    test: /^@nestjs\/(microservices|websockets|platform-express)(\/|$)/,
    why: "optional peers Nest imports only when an app uses them (not installed: this service uses none)",
  },
  {
    test: /^@fastify\/(view|multipart)(\/|$)/,
    why: "optional peers Nest's Fastify adapter imports only for setViewEngine / multipart (not installed, not used)",
  },
  {
    test: /^class-transformer\/storage$/,
    why: "optional: @nestjs/mapped-types requires it at run time (createRequire) for PartialType & co., unused here, as Nest's own bundler defaults say; no bundled module imports it",
  },
  {
    test: /^@opentelemetry\/(?!api(\/|$))/,
    why: 'the OpenTelemetry SDK and exporters load only when OTEL_* asks for tracing (a large graph; grpc-js reads .proto files by __dirname); they register in the globalThis registry that the bundled @opentelemetry/api reads',
  },
  {
    test: /^@grpc\//,
    why: 'reached only through the OTLP gRPC exporters (external); reads its .proto files by __dirname',
  },
  {
    test: /^ioredis(\/|$)/,
    why: "its commands trim stack frames under its own __dirname (optimizeErrorStack): bundled, that is dist/, and a Redis error's stack would lose the service's frames",
  },
];

/**
 * Bundled modules that use `__dirname`, `__filename`, `import.meta.url`/`dirname`/`filename`, `require.resolve`,
 * `createRequire` or a worker, reviewed: each still works from dist/server.js for the reason given. Keys are
 * `package/path` (node_modules) or `dist/path` (ours).
 */
export const REVIEWED = {
  'dist/observability/build-info.js':
    "walks up from its own folder to the package.json named logto-account-service: from dist/server.js that is dist/, then the root (the image's /app)",
  'dist/common/logging/logger.js': 'resolves pino-pretty from its own folder: node_modules is found from dist/ as from dist/common/logging/',
  '@nestjs/common/utils/load-package.util.js':
    'loadPackageSync without a loader requires from its own location: node_modules is found from dist/ too (no caller in this service today)',
  '@nestjs/swagger/dist/swagger-ui/swagger-ui.js': 'requires swagger-ui-dist (external) from its location: resolvable from dist/',
  '@nestjs/mapped-types/dist/type-helpers.utils.js':
    'requires class-validator / class-transformer(/storage) at run time only for PartialType & co., which this service does not use (the bundle check fails if that require reaches a bundled package)',
  'undici/index.js': '__filename only to append a fetch stack trace: it names dist/server.js, which is where undici now is',
};

const LOCATES = /\b__dirname\b|\b__filename\b|import\.meta\.(url|dirname|filename)\b|require\.resolve\s*\(|\bcreateRequire\b|new Worker\s*\(/;

function moduleKey(root, id) {
  const path = relative(root, id).split(sep).join('/');
  const inModules = path.lastIndexOf('node_modules/');
  return inModules >= 0 ? path.slice(inModules + 'node_modules/'.length) : path;
}

function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * The packages the output `require`s at run time: calls with a literal argument of a function made by
 * `createRequire(…)` (bound to any name, or called at once), or named like one (`require`, `__require$1`).
 */
function runtimeRequires(code) {
  const program = parseAst(code);
  const isCreateRequire = (node) => node?.type === 'CallExpression' && node.callee.type === 'Identifier' && /^createRequire(\$\d+)?$/.test(node.callee.name);
  const requireNames = new Set();
  const found = new Set();
  const visit = (node, onNode) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child, onNode);
      return;
    }
    if (typeof node.type === 'string') onNode(node);
    for (const key in node) if (key !== 'type' && key !== 'start' && key !== 'end') visit(node[key], onNode);
  };
  visit(program, (node) => {
    if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && isCreateRequire(node.init)) requireNames.add(node.id.name);
    if (node.type === 'AssignmentExpression' && node.left.type === 'Identifier' && isCreateRequire(node.right)) requireNames.add(node.left.name);
  });
  visit(program, (node) => {
    if (node.type !== 'CallExpression' || node.arguments[0]?.type !== 'Literal' || typeof node.arguments[0].value !== 'string') return;
    const { callee } = node;
    const requires =
      isCreateRequire(callee) || (callee.type === 'Identifier' && (requireNames.has(callee.name) || /^_*require(\$\d+)?$/.test(callee.name)));
    if (requires) found.add(node.arguments[0].value);
  });
  return [...found].filter((name) => !isBuiltin(name) && !name.startsWith('.'));
}

/**
 * Builds `output` from `input` (both relative to `root`) and checks it; throws with every problem found. The options
 * other than `quiet` exist for the spec (test/deploy/bundle.spec.ts), which bundles small fixtures.
 */
export async function bundle({ root = ROOT, input = INPUT, output = OUTPUT, externals = EXTERNALS, reviewed = REVIEWED, quiet = false } = {}) {
  const started = performance.now();
  const warnings = [];
  const result = await build({
    cwd: root,
    input: resolve(root, input),
    platform: 'node',
    logLevel: 'warn',
    onLog: (level, log) => warnings.push(`${level} ${log.code ?? ''}: ${log.message}`),
    external: externals.map((external) => external.test),
    output: {
      file: resolve(root, output),
      format: 'esm',
      // One file: the dynamic imports of main.ts (and Nest's lazy imports) are inlined, evaluated when reached.
      codeSplitting: false,
      // Nest and Swagger read class names (schema names in the OpenAPI document, log contexts): keep them when
      // rolldown renames a clashing identifier.
      keepNames: true,
      sourcemap: true,
    },
  });
  const problems = [...warnings];
  const chunk = result.output.find((item) => item.type === 'chunk');
  const modules = Object.keys(chunk.modules).filter((id) => !id.startsWith('\0'));
  const bundledPackages = new Set(modules.filter((id) => id.includes('node_modules')).map((id) => packageOf(moduleKey(root, id))));

  for (const id of modules) {
    const key = moduleKey(root, id);
    if (reviewed[key]) continue;
    let source;
    try {
      source = readFileSync(id, 'utf8');
    } catch {
      continue; // A virtual module of rolldown's.
    }
    if (LOCATES.test(source)) problems.push(`${key} locates files on disk (${source.match(LOCATES)[0]}): review it (REVIEWED) or make its package external (EXTERNALS)`);
  }
  for (const name of runtimeRequires(chunk.code)) {
    const pkg = packageOf(name);
    if (bundledPackages.has(pkg)) problems.push(`the bundle requires ${name} at run time while ${pkg} is bundled too: two copies; make ${pkg} external`);
    else if (!externals.some((external) => external.test.test(name))) problems.push(`the bundle requires ${name} at run time: list it in EXTERNALS (with the reason)`);
  }
  if (problems.length > 0) throw new Error(`${output} is not trustworthy:\n  ${problems.join('\n  ')}`);

  if (!quiet) {
    const size = (statSync(resolve(root, output)).size / 1024 / 1024).toFixed(1);
    console.log(
      `${output}: ${modules.length} modules (${bundledPackages.size} packages) in one file, ${size} MiB, ` +
        `${Math.round(performance.now() - started)} ms; external: ${externals.map((external) => external.test.source).join(' ')}`,
    );
  }
  return { modules: modules.length, packages: [...bundledPackages] };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  bundle({ quiet: process.argv.includes('--quiet') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
