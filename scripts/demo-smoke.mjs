#!/usr/bin/env node
/**
 * `npm run demo:smoke` (run by .ci/run): `npm run demo` exactly as a developer runs it, on a free port of 127.0.0.1,
 * then the calls its banner tells the developer to make: the Swagger document, GET /me with the printed token, and
 * the account center's page and settings.
 * Catches what the tests cannot, because they run the demo from source: the compiled demo (dist-demo/) and the
 * emulator package's build. Bounded: it gives up after DEMO_SMOKE_TIMEOUT_MS and always stops the demo.
 */
import { spawn } from 'node:child_process';
import { freePort } from './lib/free-port.mjs';

const TIMEOUT_MS = Number(process.env.DEMO_SMOKE_TIMEOUT_MS ?? 240_000);

const port = await freePort();
const demo = spawn('npm', ['run', 'demo'], {
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'pipe', 'pipe'],
  detached: true,
});
let output = '';
demo.stdout.on('data', (chunk) => (output += chunk));
demo.stderr.on('data', (chunk) => (output += chunk));
const stopDemo = () => {
  try {
    process.kill(-demo.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
};
const deadline = setTimeout(() => fail(`no banner within ${TIMEOUT_MS} ms`), TIMEOUT_MS);

function fail(reason) {
  stopDemo();
  console.error(`demo smoke test failed: ${reason}\n--- demo output ---\n${output}`);
  process.exit(1);
}

demo.once('exit', (code) => fail(`npm run demo exited with ${code} before the checks finished`));

const banner = await new Promise((resolve) => {
  const poll = setInterval(() => {
    if (/Ctrl-C stops everything/.test(output)) {
      clearInterval(poll);
      resolve(output);
    }
  }, 200);
});

const base = `http://127.0.0.1:${port}`;
const token = banner.match(/^(eyJ[\w-]+\.[\w-]+\.[\w-]+)$/m)?.[1];
if (!banner.includes(`${base}/docs`)) fail(`the banner does not print the Swagger UI URL ${base}/docs`);
if (!token) fail('the banner prints no bearer token');

const docs = await fetch(`${base}/docs/openapi.json`);
const document = docs.ok ? await docs.json() : undefined;
if (!document?.paths?.['/me']) fail(`GET /docs/openapi.json answered ${docs.status} without the /me path`);

const me = await fetch(`${base}/me`, { headers: { authorization: `Bearer ${token}` } });
const body = me.ok ? await me.json() : undefined;
if (body?.username !== 'demo_user') fail(`GET /me with the printed token answered ${me.status}: ${JSON.stringify(body)}`);

// npm run demo builds the account center first, so the banner must point at it and it must load under its CSP.
if (!banner.includes(`Account center: ${base}/account/`)) fail(`the banner does not print the account center URL ${base}/account/`);
const page = await fetch(`${base}/account/`);
const html = page.ok ? await page.text() : '';
if (!/<div id="app"|<script type="module"/.test(html) || !page.headers.get('content-security-policy')?.includes("script-src 'self'")) {
  fail(`GET /account/ answered ${page.status} without the app's page and its CSP`);
}
const settings = await fetch(`${base}/account/config.json`);
const config = settings.ok ? await settings.json() : undefined;
if (!config?.appId) fail(`GET /account/config.json answered ${settings.status}: ${JSON.stringify(config)}`);

clearTimeout(deadline);
demo.removeAllListeners('exit');
stopDemo();
console.log(`demo smoke test passed on ${base}: Swagger document (${Object.keys(document.paths).length} paths), GET /me as demo_user, the account center and its config.json.`);
