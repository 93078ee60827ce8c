#!/usr/bin/env node
/**
 * The npm registry reachable from our build machines serves only the Linux builds of some platform-specific
 * optional packages (e.g. @unrs/resolver-binding-darwin-arm64, pulled in by jest). `npm install` then leaves
 * them out of package-lock.json, and `npm ci` refuses the lock ("Missing: … from lock file") even though it
 * would never install them on Linux. This adds the missing entries, with their os/cpu/libc restrictions
 * derived from the package name, so `npm ci` validates the lock and skips them as it should.
 *
 * Run after every `npm install` that changes the lock: `node scripts/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const CPU = ['arm64', 'arm', 'x64', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x', 'wasm32'];
const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'sunos', 'aix', 'openbsd', 'netbsd'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes('eabi') ? 'arm' : undefined);
  if (!os || !cpu) return undefined;
  const libc = os === 'linux' ? (parts.some((p) => p.startsWith('musl')) ? 'musl' : 'glibc') : undefined;
  return { os, cpu, libc };
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const location = `node_modules/${dep}`;
    const nested = `${path}/node_modules/${dep}`;
    if (packages[location] || packages[nested]) continue;
    const platform = platformOf(dep);
    if (!platform) continue;
    packages[location] = {
      version,
      cpu: [platform.cpu],
      ...(entry.dev ? { dev: true } : {}),
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      optional: true,
      os: [platform.os],
    };
    added += 1;
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} platform-specific optional entries`);
