/**
 * The client runs in browsers and React Native as well as Node: no Node built-ins, no Node globals, no runtime
 * dependencies, in the source and in what `tsc` builds from it (which is what apps bundle).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const packageDir = join(import.meta.dirname, '..');
const repoRoot = join(packageDir, '..', '..');

function filesUnder(dir: string, extension: RegExp): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extension.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Comments may mention Node (e.g. "as in Node"); only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

const FORBIDDEN: Array<[string, RegExp]> = [
  ['a node: import', /\bfrom\s+['"]node:|import\(\s*['"]node:/],
  ['an import of a Node built-in', /\bfrom\s+['"](fs|path|os|crypto|http|https|net|stream|buffer|url|util|events|child_process|zlib)(\/[^'"]*)?['"]/],
  ['require()', /\brequire\s*\(/],
  ['Buffer', /\bBuffer\b/],
  ['process', /\bprocess\s*\./],
  ['__dirname or __filename', /\b__(dirname|filename)\b/],
  ['a runtime dependency (a bare import)', /\bfrom\s+['"](?![./])[^'"]+['"]|\bimport\s*\(\s*['"](?![./])/],
];

function violations(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const text = code(readFileSync(file, 'utf8'));
    for (const [what, pattern] of FORBIDDEN) {
      // Type-only imports vanish from the build; the generated types import nothing.
      const lines = text.split('\n').filter((line) => pattern.test(line) && !/^\s*(import|export)\s+type\b/.test(line));
      for (const line of lines) found.push(`${relative(repoRoot, file)}: ${what}: ${line.trim()}`);
    }
  }
  return found;
}

describe('the client package needs nothing from Node', () => {
  it('its source uses no Node built-in, Node global or runtime dependency', () => {
    const files = filesUnder(join(packageDir, 'src'), /\.ts$/);
    expect(files.length).toBeGreaterThan(3);
    expect(violations(files)).toEqual([]);
  });

  it('neither does its build output, and the build has type declarations', () => {
    const outDir = mkdtempSync(join(tmpdir(), 'client-build-'));
    try {
      const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(packageDir, 'tsconfig.build.json'), '--outDir', outDir], {
        encoding: 'utf8',
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
      const built = filesUnder(outDir, /\.js$/);
      expect(built.map((file) => relative(outDir, file)).sort()).toEqual(expect.arrayContaining(['index.js', 'client.js', 'problem.js']));
      expect(filesUnder(outDir, /\.d\.ts$/).map((file) => relative(outDir, file))).toContain('index.d.ts');
      expect(violations(built)).toEqual([]);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
    // A full tsc run of the package: seconds on a loaded machine.
  }, 120_000);

  it('is type-checked with the DOM library and no Node types', () => {
    const text = readFileSync(join(packageDir, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '');
    const { compilerOptions } = JSON.parse(text) as { compilerOptions: { lib: string[]; types: string[] } };
    expect(compilerOptions.lib).toEqual(['ES2023', 'DOM']);
    expect(compilerOptions.types).toEqual([]);
  });

  it('the scan catches what it looks for', () => {
    const dir = mkdtempSync(join(tmpdir(), 'client-scan-'));
    try {
      const file = join(dir, 'bad.js');
      const samples = ["import { readFileSync } from 'node:fs';", 'const b = Buffer.from("x");', 'if (process.env.X) {}', "import x from 'lodash';", "const c = require('crypto');"];
      for (const sample of samples) {
        writeFileSync(file, `// ok\n${sample}\n`);
        expect(violations([file])).not.toEqual([]);
      }
      writeFileSync(file, "import { a } from './a.js';\n// Buffer and process in a comment\nexport type { B } from './b.js';\n");
      expect(violations([file])).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
