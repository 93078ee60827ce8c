import { build } from 'rolldown';
const r = await build({ input: 'dist/main.js', platform: 'node', output: { file: '/tmp/b0/server.js', format: 'esm', codeSplitting: false }, logLevel: 'silent', write: true,
  external: [] });
const mods = Object.keys(r.output[0].modules);
const pk = {};
for (const m of mods) { const i = m.lastIndexOf('node_modules/'); const rest = i < 0 ? '(own)' : m.slice(i + 13); const name = rest.startsWith('@') ? rest.split('/').slice(0, 2).join('/') : rest.split('/')[0]; pk[name] = (pk[name] ?? 0) + 1; }
console.log(mods.length, 'modules');
console.log(Object.entries(pk).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k}:${v}`).join('\n'));
