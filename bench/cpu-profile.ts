/**
 * Summarizes a V8 .cpuprofile (from `node --cpu-prof`): self time by function and by where the code lives
 * (a package under node_modules, a file of this service, node's internals).
 *
 *   node dist/bench/bench/cpu-profile.js bench/results/profiles/….cpuprofile [top] [skip-first-ms]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  functions: Array<{ name: string; where: string; selfMs: number }>;
  places: Array<{ where: string; selfMs: number }>;
}

/** Where a script lives: `fastify`, `@nestjs/core`, `src/auth/token-verifier.service.ts`, `node:internal`… */
export function placeOf(url: string): string {
  if (url === '') return '(native/V8)';
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? 'node:internal' : url;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1];
  const own = /\/dist\/(?:bench\/)?(.*)$/.exec(url);
  if (own) return `src/${own[1].replace(/^src\//, '')}`;
  return url.replace(/^file:\/\//, '');
}

/** `skipFirstMs`: leave out the samples of the process's first milliseconds (start-up), to see the steady state. */
export function summarizeProfile(path: string, top = 30, skipFirstMs = 0): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= skipFirstMs * 1000) selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });

  const functions = new Map<string, { name: string; where: string; selfMs: number }>();
  const places = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    totalUs += us;
    if (frame.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    const where = placeOf(frame.url);
    const name = frame.functionName || '(anonymous)';
    const key = `${name} ${frame.url}:${frame.lineNumber}`;
    const entry = functions.get(key) ?? { name, where: `${where}:${frame.lineNumber + 1}`, selfMs: 0 };
    entry.selfMs += us / 1000;
    functions.set(key, entry);
    places.set(where, (places.get(where) ?? 0) + us / 1000);
  }
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    functions: [...functions.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
    places: [...places.entries()].map(([where, selfMs]) => ({ where, selfMs })).sort((a, b) => b.selfMs - a.selfMs).slice(0, top),
  };
}

/** `requests`: how many requests the profiled time served, to show µs of CPU per request too. */
export function formatSummary(summary: ProfileSummary, requests?: number): string {
  const busy = summary.totalMs - summary.idleMs;
  const perRequest = (ms: number) => (requests ? `  ${((ms * 1000) / requests).toFixed(1).padStart(6)} µs/req` : '');
  const share = (ms: number) => `${((100 * ms) / busy).toFixed(1).padStart(5)}%${perRequest(ms)}`;
  const lines = [`busy ${busy.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms sampled (idle ${summary.idleMs.toFixed(0)} ms)`, '', 'self time by place:'];
  for (const place of summary.places) lines.push(`  ${share(place.selfMs)}  ${place.selfMs.toFixed(0).padStart(7)} ms  ${place.where}`);
  lines.push('', 'self time by function:');
  for (const fn of summary.functions) lines.push(`  ${share(fn.selfMs)}  ${fn.selfMs.toFixed(0).padStart(7)} ms  ${fn.name}  (${fn.where})`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, top, skip] = process.argv.slice(2);
  if (!path) {
    process.stderr.write('usage: node dist/bench/bench/cpu-profile.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summarizeProfile(path, Number(top ?? 30), Number(skip ?? 0)))}\n`);
}
