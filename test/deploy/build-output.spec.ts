/**
 * Issue #19: the service's build output and image contain no emulator code. `.ci/run` runs the check on the real
 * `nest build` output (`npm run check:build`); this spec shows the check finds each way emulator code could get in.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
// @ts-expect-error: a plain ESM script without type declarations
import { findEmulatorCode } from '../../scripts/check-build-output.mjs';

const check = findEmulatorCode as (dir: string) => string[];

describe('check:build (no emulator code in dist/)', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'build-output-'));
    write('main.js', "import { createApp } from './app.factory.js';\n");
    write('server.js', '// src/main.ts\nasync function main() {}\n');
    write('logto/logto-errors.js', '// Logto and the emulator answer it for a stale code.\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('passes a service build that only mentions the emulator in prose', () => {
    expect(check(dir)).toEqual([]);
  });

  it.each([
    ['a compiled emulator file', 'emulator/logto-emulator.js', 'export class X {}'],
    ['an import of the emulator package', 'tools/../demo.js', "import { LogtoEmulator } from '@logto-account-service/logto-emulator';"],
    ['the emulator class inlined', 'profile/helper.js', 'class LogtoEmulator {}'],
    ['a path into the package source', 'x.js', "import '../packages/logto-emulator/src/index.js';"],
    ['the emulator bundled into the single-file entry', 'server.js', '// packages/logto-emulator/dist/index.js\nclass LogtoEmulator {}'],
  ])('flags %s', (_label, file, text) => {
    write(file, text);
    expect(check(dir)).toHaveLength(1);
  });

  it('fails a build without the single-file bundle dist/server.js (what the image starts): `nest build` alone is not the build', () => {
    rmSync(join(dir, 'server.js'));
    expect(check(dir)).toEqual([expect.stringMatching(/server\.js.*npm run build/)]);
  });

  it('ignores dist/tools, which the Dockerfile deletes', () => {
    write('tools/demo.js', "import { LogtoEmulator } from '@logto-account-service/logto-emulator';");
    expect(check(dir)).toEqual([]);
  });
});
