// Prints the production bundle's size (raw and gzip) per kind, so a growing bundle shows up in every build log.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = join(import.meta.dirname, '..', 'dist');
const totals = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else {
      const kind = name.split('.').pop();
      if (kind !== 'js' && kind !== 'css') continue;
      const bytes = readFileSync(path);
      const t = (totals[kind] ??= { raw: 0, gzip: 0 });
      t.raw += bytes.length;
      t.gzip += gzipSync(bytes, { level: 9 }).length;
    }
  }
};
walk(dist);
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;
for (const [kind, t] of Object.entries(totals)) {
  console.log(`account-center bundle ${kind.toUpperCase()}: ${kb(t.raw)} raw, ${kb(t.gzip)} gzip`);
}
