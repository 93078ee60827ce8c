/**
 * Pure functions of `npm run bench:allocations` (allocations.ts): bytes allocated in a window from V8's GC
 * statistics, a sampling heap profile summarized per request (by place, by function, by the service's own frame
 * nearest to the allocation), and the service-minus-baseline difference. Also summarizes a saved profile:
 *
 *   node dist/bench/bench/allocation-profile.js <file.heapprofile> <requests> [top]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { placeOf } from './cpu-profile.js';

// --- the probe's protocol (alloc-probe.ts) ---------------------------------------------------------------------
export type ProbeCommand =
  | { seq: number; op: 'begin' | 'end' }
  | { seq: number; op: 'profile-start'; samplingInterval: number }
  | { seq: number; op: 'profile-stop'; path: string };

/** One collection of the window: its kind, its main-thread pause and the heap's used size around it. */
export interface GcStatistic {
  type: string;
  pauseUs: number;
  usedBefore: number;
  usedAfter: number;
  /**
   * What a young-generation collection moved to the old generation (the old spaces' used size after it, less
   * before it): objects that outlived two collections. 0 for the other kinds.
   */
  promoted: number;
}

export interface WindowStatistics {
  /** The heap's used size when the window began and when it ended. */
  usedBefore: number;
  usedAfter: number;
  gcs: GcStatistic[];
  /** User + system CPU time of the process (every thread: GC helpers, libuv pool) over the window. */
  cpuUs: number;
}

/** What v8.GCProfiler's stop() returns at run time (its heap statistics are camelCase; @types/node says snake_case). */
interface GcProfilerResult {
  statistics: Array<{
    gcType: string;
    cost: number;
    beforeGC: GcProfilerHeap;
    afterGC: GcProfilerHeap;
  }>;
}

interface GcProfilerHeap {
  heapStatistics: { usedHeapSize: number };
  heapSpaceStatistics: Array<{ spaceName: string; spaceUsedSize: number }>;
}

/** V8's young-generation collections: the only ones that promote. */
const YOUNG_COLLECTIONS = new Set(['Scavenge', 'MinorMarkSweep']);
/** Where promoted objects go: the old space, or the large-object space for the young large objects. */
const PROMOTION_SPACES = new Set(['old_space', 'large_object_space']);

function oldSpacesUsed(heap: GcProfilerHeap): number {
  let used = 0;
  for (const space of heap.heapSpaceStatistics) if (PROMOTION_SPACES.has(space.spaceName)) used += space.spaceUsedSize;
  return used;
}

/** The collections of a GCProfiler result (`cost`: the main thread's pause, µs). */
export function gcStatistics(result: unknown): GcStatistic[] {
  return (result as GcProfilerResult).statistics.map((s) => ({
    type: s.gcType,
    pauseUs: s.cost,
    usedBefore: s.beforeGC.heapStatistics.usedHeapSize,
    usedAfter: s.afterGC.heapStatistics.usedHeapSize,
    promoted: YOUNG_COLLECTIONS.has(s.gcType) ? Math.max(0, oldSpacesUsed(s.afterGC) - oldSpacesUsed(s.beforeGC)) : 0,
  }));
}

export type ProbeReply = { seq: number; ok: true; window?: WindowStatistics } | { seq: number; ok: false; error: string };

// --- bytes allocated in a window ---------------------------------------------------------------------------------
/**
 * What V8 allocated on its heap in a window: between two collections the used size only grows by what is
 * allocated, so the sum of each stretch's growth (from the start, or the end of the previous collection, to the
 * start of the next collection, or the end) is every byte allocated, whatever the collections then freed.
 * Off-heap memory (Buffer and ArrayBuffer contents) is not in it.
 */
export function allocatedBytes(window: Pick<WindowStatistics, 'usedBefore' | 'usedAfter' | 'gcs'>): number {
  let total = 0;
  let from = window.usedBefore;
  for (const gc of window.gcs) {
    total += gc.usedBefore - from;
    from = gc.usedAfter;
  }
  return total + window.usedAfter - from;
}

export interface WindowFigures {
  requests: number;
  bytesPerRequest: number;
  cpuUsPerRequest: number;
  /** Collections per 1,000 requests, by kind (Scavenge, MarkSweepCompact, …). */
  gcsPer1kRequests: Record<string, number>;
  /** Main-thread GC pause per request (the GC's helper threads are in the CPU time, not here). */
  gcPauseUsPerRequest: number;
  /**
   * Bytes per request the young-generation collections promoted: what outlived its request long enough to reach
   * the old generation, where only a full (mark-compact) collection frees it.
   */
  promotedBytesPerRequest: number;
}

export function windowFigures(window: WindowStatistics, requests: number): WindowFigures {
  const gcs: Record<string, number> = {};
  let pauseUs = 0;
  let promoted = 0;
  for (const gc of window.gcs) {
    gcs[gc.type] = (gcs[gc.type] ?? 0) + 1;
    pauseUs += gc.pauseUs;
    promoted += gc.promoted;
  }
  return {
    requests,
    bytesPerRequest: allocatedBytes(window) / requests,
    cpuUsPerRequest: window.cpuUs / requests,
    gcsPer1kRequests: Object.fromEntries(Object.entries(gcs).map(([type, n]) => [type, (n * 1000) / requests])),
    gcPauseUsPerRequest: pauseUs / requests,
    promotedBytesPerRequest: promoted / requests,
  };
}

// --- sampling heap profile ---------------------------------------------------------------------------------------
/** The tree HeapProfiler.stopSampling returns (selfSize: V8's estimate of the bytes allocated there, scaled up from the samples). */
export interface HeapProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapProfileNode[];
}

export interface HeapProfile {
  head: HeapProfileNode;
}

export interface Share {
  /** A place (`fastify`, `src/auth/…`, `node:internal`), or a function: `name (file:line)`. */
  key: string;
  bytesPerRequest: number;
}

export interface HeapProfileSummary {
  requests: number;
  /** The profile's estimate of everything allocated, per request (compare with the exact window figure). */
  totalBytesPerRequest: number;
  places: Share[];
  functions: Share[];
  /** Each allocation charged to the innermost frame of the server's own code on its stack (`src/…`). */
  ownFrames: Share[];
}

/**
 * The file of a function: the path inside its package (`fastify/lib/reply.js`), node's own module
 * (`node:internal/process/task_queues`), or the server's own file as placeOf names it (`src/auth/…`).
 */
export function frameFile(url: string): string {
  if (url.startsWith('node:')) return url;
  const modules = /node_modules\/(.*)$/.exec(url);
  return modules ? modules[1] : placeOf(url);
}

export function functionKey(frame: HeapProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url === '' ? name : `${name} (${frameFile(frame.url)}:${frame.lineNumber + 1})`;
}

/** The server's own code: a file of dist/ outside node_modules (the service's src/, the baseline's bench files). */
export function isOwnCode(url: string): boolean {
  return placeOf(url).startsWith('src/');
}

export const NO_OWN_FRAME = '(no frame of its own code on the stack)';

const sorted = (map: Map<string, number>, requests: number): Share[] =>
  [...map.entries()].map(([key, bytes]) => ({ key, bytesPerRequest: bytes / requests })).sort((a, b) => b.bytesPerRequest - a.bytesPerRequest || a.key.localeCompare(b.key));

const add = (map: Map<string, number>, key: string, bytes: number) => map.set(key, (map.get(key) ?? 0) + bytes);

/** Self bytes per request of a profile that covered `requests` requests; every list complete, largest first. */
export function summarizeHeapProfile(profile: HeapProfile, requests: number): HeapProfileSummary {
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  const ownFrames = new Map<string, number>();
  let total = 0;
  // Iterative: a deep stack (recursion in a parser, a long promise chain) must not overflow this process's stack.
  const stack: Array<{ node: HeapProfileNode; own: string }> = [{ node: profile.head, own: NO_OWN_FRAME }];
  while (stack.length > 0) {
    const { node, own: outer } = stack.pop() as { node: HeapProfileNode; own: string };
    const frame = node.callFrame;
    const own = isOwnCode(frame.url) ? functionKey(frame) : outer;
    if (node.selfSize > 0) {
      total += node.selfSize;
      add(places, placeOf(frame.url), node.selfSize);
      add(functions, functionKey(frame), node.selfSize);
      add(ownFrames, own, node.selfSize);
    }
    for (const child of node.children) stack.push({ node: child, own });
  }
  return {
    requests,
    totalBytesPerRequest: total / requests,
    places: sorted(places, requests),
    functions: sorted(functions, requests),
    ownFrames: sorted(ownFrames, requests),
  };
}

// --- service minus baseline -------------------------------------------------------------------------------------
export interface Difference {
  key: string;
  service: number;
  baseline: number;
  /** service − baseline, bytes per request. */
  difference: number;
}

/** Every key of either list with both figures, by how much more the service allocates there (largest first). */
export function difference(service: Share[], baseline: Share[]): Difference[] {
  const rows = new Map<string, Difference>();
  for (const s of service) rows.set(s.key, { key: s.key, service: s.bytesPerRequest, baseline: 0, difference: s.bytesPerRequest });
  for (const b of baseline) {
    const row = rows.get(b.key) ?? { key: b.key, service: 0, baseline: 0, difference: 0 };
    row.baseline += b.bytesPerRequest;
    row.difference = row.service - row.baseline;
    rows.set(b.key, row);
  }
  return [...rows.values()].sort((a, b) => b.difference - a.difference || a.key.localeCompare(b.key));
}

/**
 * The rows of a difference worth printing: the `top` largest excesses and the `top` largest savings (the service
 * allocating less), each above `minBytes` per request, and what the others add up to.
 */
export function notableDifferences(rows: Difference[], top: number, minBytes = 1): { more: Difference[]; less: Difference[]; rest: number } {
  const more = rows.filter((r) => r.difference >= minBytes).slice(0, top);
  const less = rows
    .filter((r) => r.difference <= -minBytes)
    .sort((a, b) => a.difference - b.difference)
    .slice(0, top);
  const shown = new Set([...more, ...less]);
  const rest = rows.filter((r) => !shown.has(r)).reduce((sum, r) => sum + r.difference, 0);
  return { more, less, rest };
}

// --- printing ---------------------------------------------------------------------------------------------------
const bytes = (n: number) => Math.round(n).toLocaleString('en').padStart(8);

export function formatShares(title: string, shares: Share[], top: number): string {
  const lines = [`${title}:`];
  for (const share of shares.slice(0, top)) lines.push(`  ${bytes(share.bytesPerRequest)} B  ${share.key}`);
  const rest = shares.slice(top).reduce((sum, s) => sum + s.bytesPerRequest, 0);
  if (shares.length > top) lines.push(`  ${bytes(rest)} B  (${shares.length - top} more)`);
  return lines.join('\n');
}

export function formatDifference(title: string, rows: Difference[], top: number, minBytes = 1): string {
  const { more, less, rest } = notableDifferences(rows, top, minBytes);
  const total = rows.reduce((sum, r) => sum + r.difference, 0);
  const line = (r: Difference) => `  ${bytes(r.difference)} B  ${bytes(r.service)} ${bytes(r.baseline)}  ${r.key}`;
  const lines = [`${title} (B/request: service − baseline, service, baseline; total ${Math.round(total).toLocaleString('en')}):`];
  lines.push(...more.map(line));
  if (less.length > 0) lines.push('  where the service allocates less:', ...less.map(line));
  lines.push(`  ${bytes(rest)} B  (the rest)`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, requests, top] = process.argv.slice(2);
  if (!path || !(Number(requests) > 0)) {
    process.stderr.write('usage: node dist/bench/bench/allocation-profile.js <file.heapprofile> <requests> [top]\n');
    process.exit(2);
  }
  const summary = summarizeHeapProfile(JSON.parse(readFileSync(path, 'utf8')) as HeapProfile, Number(requests));
  const n = Number(top ?? 30);
  process.stdout.write(
    `${Math.round(summary.totalBytesPerRequest).toLocaleString('en')} B allocated per request (sampled estimate)\n\n` +
      `${formatShares('by place', summary.places, n)}\n\n${formatShares('by function', summary.functions, n)}\n\n` +
      `${formatShares("by the innermost frame of the server's own code", summary.ownFrames, n)}\n`,
  );
}
