import { GCProfiler, getHeapStatistics } from 'node:v8';
import {
  allocatedBytes,
  difference,
  formatDifference,
  formatShares,
  frameFile,
  functionKey,
  gcStatistics,
  isOwnCode,
  NO_OWN_FRAME,
  notableDifferences,
  summarizeHeapProfile,
  windowFigures,
  type HeapProfileNode,
} from '../../bench/allocation-profile.js';

const SERVICE = 'file:///work/repo/dist';
const MODULES = 'file:///work/repo/node_modules';

function node(functionName: string, url: string, selfSize: number, children: HeapProfileNode[] = [], lineNumber = 0): HeapProfileNode {
  return { callFrame: { functionName, url, lineNumber }, selfSize, children };
}

describe('allocatedBytes (bytes V8 allocated in a window, from the heap size around each collection)', () => {
  it('is the growth of the used heap when no collection ran', () => {
    expect(allocatedBytes({ usedBefore: 1_000, usedAfter: 5_000, gcs: [] })).toBe(4_000);
  });

  it('adds up the growth between collections, whatever each collection freed', () => {
    const gcs = [
      { type: 'Scavenge', pauseUs: 1, usedBefore: 9_000, usedAfter: 2_000, promoted: 0 },
      { type: 'Scavenge', pauseUs: 1, usedBefore: 10_000, usedAfter: 3_000, promoted: 0 },
    ];
    // 8,000 before the first, 8,000 between them, 1,500 after the last.
    expect(allocatedBytes({ usedBefore: 1_000, usedAfter: 4_500, gcs })).toBe(17_500);
  });

  it('counts a window that ends smaller than it began', () => {
    const gcs = [{ type: 'MarkSweepCompact', pauseUs: 1, usedBefore: 60_000, usedAfter: 10_000, promoted: 0 }];
    expect(allocatedBytes({ usedBefore: 50_000, usedAfter: 12_000, gcs })).toBe(12_000);
  });
});

describe("gcStatistics (the probe's reading of v8.GCProfiler)", () => {
  it('reads the collections of a real GCProfiler, whose allocation adds up to at least what was allocated', () => {
    const profiler = new GCProfiler();
    const usedBefore = getHeapStatistics().used_heap_size;
    profiler.start();
    // 1,000,000 arrays of four numbers, each at least 32 bytes (array and elements, compressed pointers); each one
    // escapes into `kept`, so no optimizing compiler can leave it out.
    const kept: number[][] = new Array(10);
    for (let i = 0; i < 1_000_000; i++) kept[i % 10] = [i, i + 1, i + 2, i + 3];
    const usedAfter = getHeapStatistics().used_heap_size;
    const gcs = gcStatistics(profiler.stop());
    expect(kept).toHaveLength(10);
    expect(gcs.length).toBeGreaterThan(0);
    for (const gc of gcs) {
      expect(typeof gc.type).toBe('string');
      expect(gc.pauseUs).toBeGreaterThanOrEqual(0);
      expect(gc.usedBefore).toBeGreaterThan(0);
      expect(gc.usedAfter).toBeGreaterThan(0);
    }
    expect(allocatedBytes({ usedBefore, usedAfter, gcs })).toBeGreaterThanOrEqual(32_000_000);
  });

  it('counts what young-generation collections promote: kept objects are, short-lived ones are not', () => {
    const promotedWhile = (keep: boolean): number => {
      const profiler = new GCProfiler();
      profiler.start();
      const kept: number[][] = [];
      let last: number[] = [];
      // 4,000,000 short-lived arrays (over 128 MB: several young-generation collections whatever its size), of
      // which every 40th is kept when `keep`: 100,000 arrays, over 3.2 MB, alive through the later collections.
      for (let i = 0; i < 4_000_000; i++) {
        last = [i, i + 1, i + 2, i + 3];
        if (keep && i % 40 === 0) kept.push(last);
      }
      const gcs = gcStatistics(profiler.stop());
      expect(kept.length + last.length).toBeGreaterThan(0);
      for (const gc of gcs) if (gc.type !== 'Scavenge' && gc.type !== 'MinorMarkSweep') expect(gc.promoted).toBe(0);
      return gcs.reduce((sum, gc) => sum + gc.promoted, 0);
    };
    // What else the process promotes meanwhile (jest's own work) is about 1-1.5 MB here; the kept set is more.
    const withKept = promotedWhile(true);
    const without = promotedWhile(false);
    expect(withKept).toBeGreaterThan(3_200_000);
    expect(without).toBeLessThan(withKept / 3);
  });
});

describe('windowFigures', () => {
  it('gives bytes, CPU and GC pause per request and collections per 1,000 requests by kind', () => {
    const figures = windowFigures(
      {
        usedBefore: 0,
        usedAfter: 1_000,
        cpuUs: 50_000,
        gcs: [
          { type: 'Scavenge', pauseUs: 300, usedBefore: 10_000, usedAfter: 0, promoted: 700 },
          { type: 'Scavenge', pauseUs: 200, usedBefore: 9_000, usedAfter: 0, promoted: 300 },
          { type: 'MarkSweepCompact', pauseUs: 500, usedBefore: 0, usedAfter: 0, promoted: 0 },
        ],
      },
      100,
    );
    expect(figures).toEqual({
      requests: 100,
      bytesPerRequest: 200,
      cpuUsPerRequest: 500,
      gcsPer1kRequests: { Scavenge: 20, MarkSweepCompact: 10 },
      gcPauseUsPerRequest: 10,
      promotedBytesPerRequest: 10,
    });
  });
});

describe('frames', () => {
  it('names a function by its file inside its package, node module or own file, and 1-based line', () => {
    expect(frameFile(`${MODULES}/fastify/lib/reply.js`)).toBe('fastify/lib/reply.js');
    expect(frameFile(`${MODULES}/@nestjs/core/node_modules/path-to-regexp/dist/index.js`)).toBe('@nestjs/core/node_modules/path-to-regexp/dist/index.js');
    expect(frameFile('node:internal/process/task_queues')).toBe('node:internal/process/task_queues');
    expect(frameFile(`${SERVICE}/auth/token-verifier.service.js`)).toBe('src/auth/token-verifier.service.js');
    expect(functionKey({ functionName: 'send', url: `${SERVICE}/logto/logto-http.client.js`, lineNumber: 175 })).toBe('send (src/logto/logto-http.client.js:176)');
    expect(functionKey({ functionName: '', url: `${MODULES}/pino/lib/tools.js`, lineNumber: 0 })).toBe('(anonymous) (pino/lib/tools.js:1)');
    expect(functionKey({ functionName: '(V8 API)', url: '', lineNumber: -1 })).toBe('(V8 API)');
  });

  it("counts the service's files and the baseline's bench files as a server's own code, not packages or node", () => {
    expect(isOwnCode(`${SERVICE}/common/http/etag.hook.js`)).toBe(true);
    expect(isOwnCode(`${SERVICE}/bench/bench/baseline-work.js`)).toBe(true);
    expect(isOwnCode(`${MODULES}/fastify/fastify.js`)).toBe(false);
    expect(isOwnCode('node:internal/streams/writable')).toBe(false);
    expect(isOwnCode('')).toBe(false);
  });
});

describe('summarizeHeapProfile', () => {
  // (root) → handler (own) → reply.header (fastify) → processHeader (node); and a framework-only branch.
  const profile = {
    head: node('(root)', '', 0, [
      node('handler', `${SERVICE}/account/me.controller.js`, 1_000, [
        node('Reply.header', `${MODULES}/fastify/lib/reply.js`, 2_000, [node('processHeader', 'node:_http_outgoing', 3_000)], 272),
        node('mapAccount', `${SERVICE}/profile/account.mapper.js`, 500, [node('Reply.header', `${MODULES}/fastify/lib/reply.js`, 100, [], 272)]),
      ], 9),
      node('runMicrotasks', '', 4_000, [node('(anonymous)', `${MODULES}/@nestjs/core/router/router-execution-context.js`, 400)]),
    ]),
  };
  const summary = summarizeHeapProfile(profile, 10);

  it('gives the total and self bytes by place per request, largest first', () => {
    expect(summary.totalBytesPerRequest).toBe(1_100);
    expect(summary.places).toEqual([
      { key: '(native/V8)', bytesPerRequest: 400 },
      { key: 'node:_http_outgoing', bytesPerRequest: 300 },
      { key: 'fastify', bytesPerRequest: 210 },
      { key: 'src/account/me.controller.js', bytesPerRequest: 100 },
      { key: 'src/profile/account.mapper.js', bytesPerRequest: 50 },
      { key: '@nestjs/core', bytesPerRequest: 40 },
    ]);
  });

  it('merges the nodes of one function (the same function reached by two paths)', () => {
    expect(summary.functions.find((f) => f.key === 'Reply.header (fastify/lib/reply.js:273)')).toEqual({ key: 'Reply.header (fastify/lib/reply.js:273)', bytesPerRequest: 210 });
    expect(summary.functions).toHaveLength(6);
  });

  it("charges each allocation to the innermost frame of the server's own code on its stack", () => {
    expect(summary.ownFrames).toEqual([
      { key: 'handler (src/account/me.controller.js:10)', bytesPerRequest: 600 },
      { key: NO_OWN_FRAME, bytesPerRequest: 440 },
      { key: 'mapAccount (src/profile/account.mapper.js:1)', bytesPerRequest: 60 },
    ]);
  });

  it('walks a deep tree without recursion', () => {
    let deep = node('leaf', `${MODULES}/x/index.js`, 8);
    for (let i = 0; i < 50_000; i++) deep = node('f', `${MODULES}/x/index.js`, 0, [deep], i);
    expect(summarizeHeapProfile({ head: deep }, 2).totalBytesPerRequest).toBe(4);
  });
});

describe('difference (service minus baseline)', () => {
  const service = [
    { key: '@nestjs/core', bytesPerRequest: 8_000 },
    { key: 'fastify', bytesPerRequest: 3_000 },
    { key: 'undici', bytesPerRequest: 9_500 },
    { key: 'node:internal', bytesPerRequest: 11 },
  ];
  const baseline = [
    { key: 'fastify', bytesPerRequest: 1_000 },
    { key: 'undici', bytesPerRequest: 9_800 },
    { key: 'src/bench/baseline-work.js', bytesPerRequest: 4_500 },
    { key: 'node:internal', bytesPerRequest: 10 },
  ];
  const rows = difference(service, baseline);

  it('lists every key of either side with both figures, the largest excess first', () => {
    expect(rows).toEqual([
      { key: '@nestjs/core', service: 8_000, baseline: 0, difference: 8_000 },
      { key: 'fastify', service: 3_000, baseline: 1_000, difference: 2_000 },
      { key: 'node:internal', service: 11, baseline: 10, difference: 1 },
      { key: 'undici', service: 9_500, baseline: 9_800, difference: -300 },
      { key: 'src/bench/baseline-work.js', service: 0, baseline: 4_500, difference: -4_500 },
    ]);
  });

  it('keeps the largest excesses and savings above a floor, and adds up the rest', () => {
    const notable = notableDifferences(rows, 1, 5);
    expect(notable.more.map((r) => r.key)).toEqual(['@nestjs/core']);
    expect(notable.less.map((r) => r.key)).toEqual(['src/bench/baseline-work.js']);
    expect(notable.rest).toBe(2_000 + 1 - 300);
  });

  it('prints the differences with both figures and the rest', () => {
    const text = formatDifference('by place', rows, 2, 5);
    expect(text.split('\n')).toEqual([
      'by place (B/request: service − baseline, service, baseline; total 5,201):',
      '     8,000 B     8,000        0  @nestjs/core',
      '     2,000 B     3,000    1,000  fastify',
      '  where the service allocates less:',
      '    -4,500 B         0    4,500  src/bench/baseline-work.js',
      '      -300 B     9,500    9,800  undici',
      '         1 B  (the rest)',
    ]);
  });

  it('prints the largest shares and what the others add up to', () => {
    const sorted = [...service].sort((a, b) => b.bytesPerRequest - a.bytesPerRequest);
    expect(formatShares('by place', sorted, 2).split('\n')).toEqual(['by place:', '     9,500 B  undici', '     8,000 B  @nestjs/core', '     3,011 B  (2 more)']);
  });
});
