/**
 * Issue #22, defect 4: the runtime needs Node 22.19 (undici 8). package.json declares it, every production
 * dependency accepts it, and main.ts refuses an older Node before loading anything that needs a newer one.
 * `npm ci` keeps working on Node 20 for development: npm only warns about `engines` (EBADENGINE) unless
 * engine-strict is set, which this checks is not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MINIMUM_NODE_VERSION, unsupportedNodeMessage } from '../../src/node-version.js';

const ROOT = join(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
// semver is a production dependency of the tree (through several packages); it is npm's own range grammar.
const semver = createRequire(import.meta.url)('semver') as { satisfies(version: string, range: string): boolean };

interface LockEntry { dev?: boolean; devOptional?: boolean; optional?: boolean; engines?: { node?: string } }

const productionEngines = (): Array<[string, string]> => {
  const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockEntry> };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && !entry.dev && !entry.devOptional && typeof entry.engines?.node === 'string')
    .map(([path, entry]) => [path.replace(/^.*node_modules\//, ''), entry.engines!.node!]);
};

describe('Node.js runtime floor', () => {
  it('package.json declares the floor the code checks', () => {
    const manifest = JSON.parse(read('package.json')) as { engines: { node: string } };
    expect(manifest.engines.node).toBe(`>=${MINIMUM_NODE_VERSION}`);
  });

  it('every production dependency accepts the floor, and one of them needs exactly it', () => {
    const engines = productionEngines();
    expect(engines.length).toBeGreaterThan(20);
    expect(engines.filter(([, range]) => !semver.satisfies(MINIMUM_NODE_VERSION, range))).toEqual([]);
    const [major, minor] = MINIMUM_NODE_VERSION.split('.').map(Number);
    const justBelow = `${major}.${minor - 1}.99`;
    expect(engines.filter(([, range]) => !semver.satisfies(justBelow, range)).map(([name]) => name)).toContain('undici');
  });

  it('does not make npm refuse to install on Node 20 for development (no engine-strict)', () => {
    const npmrc = existsSync(join(ROOT, '.npmrc')) ? read('.npmrc') : '';
    expect(npmrc).not.toMatch(/engine-strict\s*=\s*true/);
  });

  it.each([
    ['20.20.2', true],
    ['v22.18.0', true],
    ['22.19.0', false],
    ['22.20.1', false],
    ['24.11.0', false],
    ['v25.0.0', false],
  ])('on Node %s refuses to start: %s', (version, refused) => {
    const message = unsupportedNodeMessage(version);
    if (!refused) return expect(message).toBeUndefined();
    expect(message).toContain(`needs Node.js ${MINIMUM_NODE_VERSION} or later`);
    expect(message).toContain(version.replace(/^v/, ''));
  });

  it('main.ts imports only the version check statically, so it runs before any dependency loads', () => {
    const staticImports = read('src/main.ts')
      .split('\n')
      .filter((line) => /^import\s/.test(line) && !/^import\s+type\s/.test(line));
    expect(staticImports).toEqual(["import { unsupportedNodeMessage } from './node-version.js';"]);
    expect(read('src/node-version.ts')).not.toMatch(/^import\s/m);
  });
});
