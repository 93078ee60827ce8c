#!/usr/bin/env node
/**
 * `npm run bundle:smoke` (run by .ci/run after `npm run check:build`): the single-file bundle dist/server.js, what the
 * image starts, serves what the unbundled dist/main.js serves. It builds nothing: run `npm run build` and
 * `npm run build:emulator` first (and `npm run build:account-center` for the account center check).
 *
 * Against the Logto emulator (packages/logto-emulator/dist, in this process, on 127.0.0.1) it starts
 * `node dist/server.js` as a child and checks: /health/ready, GET /me with a seeded user's token, a JSON log line
 * (pino, external), /docs/openapi.json (the same document as dist/main.js serves), /docs and one Swagger UI asset
 * (swagger-ui-dist, external, read from disk), /account/ when the account center is built; then, with
 * OTEL_EXPORTER_OTLP_ENDPOINT set to a receiver here, that one GET /me gets a trace export to it (the external
 * OpenTelemetry SDK works with the bundled @opentelemetry/api), and that SIGTERM ends it with exit code 0. It
 * prints the start-up time (spawn to the first 200 from /health/live, median of 3 starts) of the bundle next to
 * dist/main.js.
 *
 * Everything binds 127.0.0.1; every child is killed on success, failure, a signal, or after BUNDLE_SMOKE_TIMEOUT_MS.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { freePort } from './lib/free-port.mjs';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUNDLE = 'dist/server.js';
const UNBUNDLED = 'dist/main.js';
const EMULATOR = `${ROOT}packages/logto-emulator/dist/index.js`;
const ACCOUNT_CENTER_INDEX = `${ROOT}packages/account-center/dist/index.html`;
const TIMEOUT_MS = Number(process.env.BUNDLE_SMOKE_TIMEOUT_MS ?? 120_000);
const START_TIMEOUT_MS = 20_000;
const EXPORT_TIMEOUT_MS = 10_000;
const STARTS = 3;
const AUDIENCE = 'https://account.example.test';

const children = new Set();
const closers = [];
const checked = [];

function killChildren() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', killChildren);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    killChildren();
    process.exit(1);
  });
}
const deadline = setTimeout(() => fail(`not finished within ${TIMEOUT_MS} ms`), TIMEOUT_MS);
deadline.unref();

function fail(reason, output = '') {
  killChildren();
  console.error(`bundle smoke test failed: ${reason}${output ? `\n--- service output ---\n${output}` : ''}`);
  process.exit(1);
}

for (const [file, hint] of [
  [`${ROOT}${BUNDLE}`, 'npm run build'],
  [`${ROOT}${UNBUNDLED}`, 'npm run build'],
  [EMULATOR, 'npm run build:emulator'],
]) {
  if (!existsSync(file)) fail(`${file} is missing: run \`${hint}\` first`);
}

/** The image's NODE_OPTIONS (the Dockerfile's ENV line), so both entries start under the V8 settings production uses. */
function imageNodeOptions() {
  return /^ENV NODE_OPTIONS="([^"]*)"$/m.exec(readFileSync(`${ROOT}Dockerfile`, 'utf8'))?.[1] ?? '';
}

const { LogtoEmulator } = await import(EMULATOR);
const emulator = await LogtoEmulator.start({ host: '127.0.0.1', port: 0 });
closers.push(() => emulator.close());
const user = emulator.seedUser({ username: 'bundle_smoke', primaryEmail: 'bundle.smoke@example.com', name: 'Bundle Smoke' });
const token = await emulator.mintUserToken({ sub: user.id, scopes: ['account:read', 'account:write'], audience: AUDIENCE, ttlSeconds: 600 });
const bearer = { authorization: `Bearer ${token}` };

const baseEnv = {
  PATH: process.env.PATH ?? '',
  NODE_ENV: 'production',
  NODE_OPTIONS: imageNodeOptions(),
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  LOGTO_ENDPOINT: emulator.endpoint,
  LOGTO_AUDIENCE: AUDIENCE,
  LOGTO_M2M_APP_ID: emulator.m2mAppId,
  LOGTO_M2M_APP_SECRET: emulator.m2mAppSecret,
  CUSTOM_DATA_SCHEMA: `${ROOT}demo/custom-data.schema.json`,
};

/** Starts an entry and waits for `readyPath` to answer 200; `startupMs` is spawn to that answer. */
async function start(entry, extraEnv = {}, readyPath = '/health/live') {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [entry], { cwd: ROOT, env: { ...baseEnv, ...extraEnv, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  let output = '';
  const keep = (chunk) => {
    if (output.length < 65_536) output += chunk;
  };
  child.stdout.setEncoding('utf8').on('data', keep);
  child.stderr.setEncoding('utf8').on('data', keep);
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) fail(`${entry} exited during start-up (${child.exitCode ?? child.signalCode})`, output);
    if (performance.now() - started > START_TIMEOUT_MS) fail(`${entry} did not answer ${readyPath} 200 within ${START_TIMEOUT_MS} ms`, output);
    const status = await fetch(`${base}${readyPath}`, { signal: AbortSignal.timeout(1000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const startupMs = performance.now() - started;
  /** SIGTERM, SIGKILL after 5 s; resolves to the exit code, or the signal that ended it. */
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode ?? child.signalCode;
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  return { base, startupMs, stop, output: () => output };
}

async function get(server, path, headers = {}) {
  const response = await fetch(`${server.base}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
  return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
}

function expect(server, condition, what) {
  if (!condition) fail(what, server.output());
  checked.push(what);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

try {
  // Start-up, alternating so that both entries see the same machine; the last start of each is kept for the checks.
  const startup = { [BUNDLE]: [], [UNBUNDLED]: [] };
  const documents = {};
  for (let round = 0; round < STARTS; round += 1) {
    for (const entry of [BUNDLE, UNBUNDLED]) {
      const server = await start(entry);
      startup[entry].push(server.startupMs);
      if (round === STARTS - 1) {
        const docs = await get(server, '/docs/openapi.json');
        documents[entry] = docs.status === 200 ? JSON.parse(docs.text) : undefined;
      }
      await server.stop();
    }
  }

  const accountCenter = existsSync(ACCOUNT_CENTER_INDEX);
  const service = await start(BUNDLE, accountCenter ? { ACCOUNT_CENTER_ENABLED: 'true', ACCOUNT_CENTER_APP_ID: 'bundle-smoke-spa' } : {}, '/health/ready');
  checked.push(`${BUNDLE} ready (/health/ready 200 against the emulator)`);

  const me = await get(service, '/me', bearer);
  expect(service, me.status === 200 && JSON.parse(me.text).id === user.id, `GET /me with the seeded user's token: 200 with id ${user.id} (got ${me.status})`);
  expect(service, /"msg":"listening"/.test(service.output()), 'pino writes JSON log lines (the "listening" line)');

  const document = documents[BUNDLE];
  expect(service, typeof document?.openapi === 'string' && document.paths?.['/me'], `/docs/openapi.json: 200 with openapi ${document?.openapi} and the /me path`);
  expect(service, isDeepStrictEqual(document, documents[UNBUNDLED]), `/docs/openapi.json is the same document as ${UNBUNDLED} serves (class names kept)`);

  const ui = await get(service, '/docs');
  const asset = /(?:src|href)=['"]\.?\/?(?:docs\/)?(swagger-ui-bundle\.js)['"]/.exec(ui.text)?.[1];
  expect(service, ui.status === 200 && /text\/html/.test(ui.type) && asset, `/docs: 200 Swagger UI HTML naming ${asset ?? 'swagger-ui-bundle.js'} (got ${ui.status})`);
  const script = await get(service, `/docs/${asset}`);
  expect(service, script.status === 200 && script.text.length > 100_000, `/docs/${asset}: 200, ${script.text.length} bytes from swagger-ui-dist on disk`);

  if (accountCenter) {
    const page = await get(service, '/account/');
    expect(service, page.status === 200 && /text\/html/.test(page.type), `/account/ (ACCOUNT_CENTER_ENABLED=true): 200 HTML (got ${page.status})`);
  } else {
    checked.push('/account/ NOT checked: packages/account-center/dist is not built (npm run build:account-center)');
  }
  const exitCode = await service.stop();
  expect(service, exitCode === 0, `SIGTERM: graceful shutdown, exit code 0 (got ${exitCode})`);

  // Tracing: the SDK (external) exports the spans of one GET /me to a receiver on 127.0.0.1.
  let exported;
  const exportSeen = new Promise((resolve) => (exported = resolve));
  const receiver = createHttpServer((request, response) => {
    request.resume();
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces') exported();
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  closers.push(() => {
    receiver.closeAllConnections();
    return new Promise((resolve) => receiver.close(resolve));
  });
  const traced = await start(BUNDLE, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.address().port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_TRACES_SAMPLER: 'always_on',
  });
  const tracedMe = await get(traced, '/me', bearer);
  expect(traced, tracedMe.status === 200, `GET /me with tracing on: 200 (got ${tracedMe.status})`);
  let timer;
  const inTime = await Promise.race([
    exportSeen.then(() => true),
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(false), EXPORT_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(timer);
  expect(traced, inTime, `OTLP export: the receiver got POST /v1/traces within ${EXPORT_TIMEOUT_MS / 1000} s of GET /me`);
  await traced.stop();

  const figure = (entry) => `${Math.round(median(startup[entry]))} ms (${startup[entry].map((ms) => Math.round(ms)).join(', ')})`;
  console.log(`bundle smoke test passed (${BUNDLE}):\n  - ${checked.join('\n  - ')}`);
  console.log(
    `start-up, spawn to /health/live 200, median of ${STARTS}: ${BUNDLE} ${figure(BUNDLE)}; ${UNBUNDLED} ${figure(UNBUNDLED)}; ` +
      `ratio ${(median(startup[BUNDLE]) / median(startup[UNBUNDLED])).toFixed(2)}`,
  );
} catch (error) {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
} finally {
  killChildren();
  for (const close of closers.reverse()) await close().catch(() => undefined);
  clearTimeout(deadline);
}
