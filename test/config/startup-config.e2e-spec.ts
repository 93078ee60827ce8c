/**
 * What the process prints when its configuration is bad (issue #18, item 12): every problem, the custom-data
 * schema's included, in one message on stderr, exit code 1, no stack trace. Runs src/main.ts itself.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const HOOKS = new URL('../support/ts-entry-hooks.mjs', import.meta.url).pathname;
const MAIN = new URL('../../src/main.ts', import.meta.url).pathname;

const VALID = {
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  LOGTO_ENDPOINT: 'http://127.0.0.1:1',
  LOGTO_AUDIENCE: 'https://account.example.test',
  LOGTO_M2M_APP_ID: 'm2m-app',
  LOGTO_M2M_APP_SECRET: 'm2m-secret-value',
};

/** Runs the entry point; a process still running after 20 s (it started after all) is killed and reported. */
function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', HOOKS, MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the service started instead of refusing its configuration; stderr: ${stderr}`));
    }, 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('starting with a bad configuration', () => {
  const dir = mkdtempSync(join(tmpdir(), 'startup-config-'));
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  it.each([
    ['not JSON', () => file('broken.json', '{"type":'), 'is not JSON'],
    ['not a valid schema', () => file('invalid.json', JSON.stringify({ type: 'object', properties: { a: { type: 'colour' } } })), 'is not a valid JSON Schema'],
    ['unreadable', () => join(dir, 'absent.json'), 'cannot read'],
  ])('reports a custom-data schema that is %s with the other bad variables, exit 1, no stack trace', async (_name, path, problem) => {
    const { code, stderr, stdout } = await runMain({ ...VALID, CUSTOM_DATA_SCHEMA: path(), RATE_LIMIT_PER_USER_PER_MINUTE: 'many' });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration:');
    expect(stderr).toMatch(new RegExp(`^ {2}- CUSTOM_DATA_SCHEMA: .*${problem}`, 'm'));
    expect(stderr).toContain('  - RATE_LIMIT_PER_USER_PER_MINUTE: "many" is not a whole number');
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain('Fatal');
    expect(stdout).toBe('');
  }, 30_000);

  it('reports a bad schema alone the same way (before Nest starts)', async () => {
    const { code, stderr } = await runMain({ ...VALID, CUSTOM_DATA_SCHEMA: file('draft-04.json', JSON.stringify({ $schema: 'http://json-schema.org/draft-04/schema#' })) });
    expect(code).toBe(1);
    expect(stderr).toMatch(/Invalid configuration:\n {2}- CUSTOM_DATA_SCHEMA: .*is not a supported dialect/);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 30_000);
});
