/**
 * Writes or checks .env.example and the README's configuration table from src/config/config-variables.ts.
 *   node dist/tools/config-docs.js --write   (npm run config:docs)
 *   node dist/tools/config-docs.js --check   (npm run config:check; exit 1 when either file is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderEnvExample, withConfigTable } from '../config/config-docs.js';

function main(): void {
  const mode = process.argv[2];
  if (mode !== '--write' && mode !== '--check') {
    console.error('usage: config-docs --write | --check');
    process.exitCode = 2;
    return;
  }
  const root = process.cwd();
  const files = [
    { path: join(root, '.env.example'), render: () => renderEnvExample() },
    { path: join(root, 'README.md'), render: (current: string) => withConfigTable(current) },
  ];
  let stale = 0;
  for (const { path, render } of files) {
    const current = readFileSync(path, 'utf8');
    const wanted = render(current);
    if (wanted === current) continue;
    if (mode === '--write') {
      writeFileSync(path, wanted);
      console.log(`wrote ${path}`);
    } else {
      console.error(`${path} is stale: run npm run config:docs`);
      stale++;
    }
  }
  if (stale > 0) process.exitCode = 1;
}

main();
