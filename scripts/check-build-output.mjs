#!/usr/bin/env node
/**
 * `npm run check:build`: proves that the service's build output (what the Docker image copies) contains no emulator
 * code. It lists every file under dist/ (after `npm run build`: `nest build`, then the single-file bundle
 * dist/server.js that the image starts, and its source map) and fails when a path or a file's text names the Logto
 * emulator or its package, or when a module the image keeps imports a dev-only workspace package, or when the bundle
 * is missing (a bare `nest build` is not what the image runs).
 *   node scripts/check-build-output.mjs [dir]     (default: dist)
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Markers of the emulator: its package name, its class and its source folder. */
const MARKERS = [/@logto-account-service\/logto-emulator/, /\bLogtoEmulator\b/, /packages\/logto-emulator/, /(^|\/)emulator\//];
/** What the image starts (scripts/bundle.mjs writes it). */
const ENTRY = 'server.js';
/** The Dockerfile deletes dist/tools (the OpenAPI writer) before copying dist/ into the image. */
const REMOVED_BY_DOCKERFILE = /^tools\//;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** Returns one line per offending file; empty when the output is clean. */
export function findEmulatorCode(dir) {
  if (!existsSync(dir)) return [`${dir} does not exist: run \`npm run build\` first`];
  const offenders = [];
  if (!existsSync(join(dir, ENTRY))) offenders.push(`${ENTRY}: missing, so the image's entry is not checked: run \`npm run build\` (nest build + the bundle)`);
  for (const path of walk(dir)) {
    const rel = relative(dir, path).split('\\').join('/');
    if (REMOVED_BY_DOCKERFILE.test(rel)) continue;
    if (/emulator/i.test(rel)) {
      offenders.push(`${rel}: emulator file in the build output`);
      continue;
    }
    const text = readFileSync(path, 'utf8');
    const marker = MARKERS.find((re) => re.test(text));
    if (marker) offenders.push(`${rel}: mentions ${marker}`);
  }
  return offenders;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const offenders = findEmulatorCode(dir);
  if (offenders.length > 0) {
    console.error(`The service's build output contains emulator code:\n  ${offenders.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${dir}/: ${walk(dir).length} files, no emulator code (dist/tools is removed by the Dockerfile).`);
}
