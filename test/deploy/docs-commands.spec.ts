/**
 * Issue #22: "every command in the docs must work as written". What can be checked without a cluster or a Docker
 * engine: links and paths exist, npm scripts exist, the M2M smoke test uses the configured resource (Logto Cloud's
 * differs from OSS's), and the compose walkthrough configures Logto before it starts the service.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const DOCS = ['README.md', 'CHANGELOG.md', 'docs/deployment.md', 'docs/logto-setup.md', 'docs/runbook.md', 'deploy/kubernetes/README.md'];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

describe('operator documentation', () => {
  it.each(DOCS)('%s links only to files that exist', (file) => {
    const missing = [...read(file).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1])
      .filter((target) => !/^[a-z]+:/.test(target))
      .filter((target) => !existsSync(join(ROOT, dirname(file), target)));
    expect(missing).toEqual([]);
  });

  it.each(DOCS)('%s runs only npm scripts that exist and applies only overlays that exist', (file) => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const text = read(file);
    // Lines that run npm inside Logto's container (`docker compose run … logto`) use Logto's scripts.
    const ours = text.split('\n').filter((line) => !/docker compose run/.test(line)).join('\n');
    const npmRuns = [...ours.matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1]);
    expect(npmRuns.filter((name) => !scripts.includes(name))).toEqual([]);
    // `overlays/<overlay>` placeholders end at the `<`, leaving a trailing slash: not a path to check.
    const kustomizations = [...text.matchAll(/(?:apply -k|kustomize) (deploy\/kubernetes\/[\w/-]+)/g)].map((m) => m[1]).filter((dir) => !dir.endsWith('/'));
    expect(kustomizations.filter((dir) => !existsSync(join(ROOT, dir, 'kustomization.yaml')))).toEqual([]);
  });

  it('never hard-codes the OSS Management API resource in a token request (Logto Cloud has its own)', () => {
    for (const file of DOCS) {
      for (const line of read(file).split('\n')) {
        if (/resource=/.test(line) && /default\.logto\.app\/api/.test(line)) {
          expect(`${file}: ${line}`).toMatch(/\$\{LOGTO_MANAGEMENT_RESOURCE:-https:\/\/default\.logto\.app\/api\}/);
        }
      }
    }
  });

  it.each(['README.md', 'docs/deployment.md'])('%s starts Logto, then configures it, then starts the service', (file) => {
    const text = read(file);
    const logtoFirst = text.indexOf('docker compose up -d logto');
    const consoleStep = text.indexOf('http://localhost:3002', logtoFirst);
    const service = text.indexOf('docker compose up -d --build', logtoFirst);
    expect(logtoFirst).toBeGreaterThan(-1);
    expect(consoleStep).toBeGreaterThan(logtoFirst);
    expect(service).toBeGreaterThan(consoleStep);
    expect(text).not.toMatch(/`docker compose up` brings up/);
  });
});
