/**
 * Preloaded (`node --import`) into both servers by `npm run bench:allocations` (allocations.ts): what a window of
 * requests allocates, measured inside the server, and a sampling heap profile of another window.
 *
 * The bench writes a command to `$ALLOC_PROBE_DIR/command.json` ({ seq, op, path? }) and sends SIGUSR2; the probe
 * runs it and answers in `$ALLOC_PROBE_DIR/reply-<seq>.json` (written whole, then renamed):
 *
 * - `begin`: starts a window: V8's GC profiler (`v8.GCProfiler`: the heap's used size before and after every
 *   collection), the heap's used size and the process's CPU time now;
 * - `end`: ends it and answers { allocatedBytes, gcs, gcPauseUs, cpuUs }. The bytes allocated in the window are
 *   exact (allocatedBytes in allocation-profile.ts): what the heap grew by between collections, summed;
 * - `profile-start`: V8's sampling heap profiler (HeapProfiler.startSampling through `node:inspector`), objects
 *   collected by either GC included, so it samples everything allocated, not just what survives;
 * - `profile-stop`: writes the profile to `path`.
 *
 * Nothing runs between commands: no timer, no hook. Without ALLOC_PROBE_DIR the preload does nothing.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { GCProfiler, getHeapStatistics } from 'node:v8';

import { gcStatistics, type ProbeCommand, type ProbeReply } from './allocation-profile.js';

const dir = process.env.ALLOC_PROBE_DIR;

let window: { profiler: GCProfiler; usedBefore: number; cpu: NodeJS.CpuUsage } | undefined;
let session: Session | undefined;

async function run(command: ProbeCommand): Promise<ProbeReply> {
  switch (command.op) {
    case 'begin': {
      const profiler = new GCProfiler();
      const cpu = process.cpuUsage();
      const usedBefore = getHeapStatistics().used_heap_size;
      profiler.start();
      window = { profiler, usedBefore, cpu };
      return { seq: command.seq, ok: true };
    }
    case 'end': {
      if (!window) throw new Error('end without begin');
      const usedAfter = getHeapStatistics().used_heap_size;
      const gcs = gcStatistics(window.profiler.stop());
      const cpu = process.cpuUsage(window.cpu);
      const reply: ProbeReply = { seq: command.seq, ok: true, window: { usedBefore: window.usedBefore, usedAfter, gcs, cpuUs: cpu.user + cpu.system } };
      window = undefined;
      return reply;
    }
    case 'profile-start': {
      session ??= new Session();
      session.connect();
      // The two include… parameters are V8's (Node 22+) but not yet in @types/node: passed as a variable.
      const params = { samplingInterval: command.samplingInterval, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
      await session.post('HeapProfiler.startSampling', params);
      return { seq: command.seq, ok: true };
    }
    case 'profile-stop': {
      if (!session) throw new Error('profile-stop without profile-start');
      const { profile } = await session.post('HeapProfiler.stopSampling');
      session.disconnect();
      writeFileSync(command.path, JSON.stringify(profile));
      return { seq: command.seq, ok: true };
    }
  }
}

if (dir) {
  process.on('SIGUSR2', () => {
    let command: ProbeCommand | undefined;
    const answer = (reply: ProbeReply) => {
      const file = join(dir, `reply-${reply.seq}.json`);
      writeFileSync(`${file}.part`, JSON.stringify(reply));
      renameSync(`${file}.part`, file);
    };
    try {
      command = JSON.parse(readFileSync(join(dir, 'command.json'), 'utf8')) as ProbeCommand;
    } catch (error) {
      process.stderr.write(`alloc-probe: unreadable command: ${String(error)}\n`);
      return;
    }
    const seq = command.seq;
    run(command).then(answer, (error: unknown) => answer({ seq, ok: false, error: error instanceof Error ? error.message : String(error) }));
  });
}
