/**
 * The Logto emulator in a process of its own, forked by startUpstream() (processes.ts) for the benchmark and
 * the soak. In the process that runs the load, every upstream call a server under test makes would be answered
 * by the event loop that also times the requests, and that loop's stalls (GC, the emulator's own work) would
 * land in the latency of both servers alike, blurring what one adds over the other.
 *
 * Over the IPC channel it announces `ready` (endpoint, M2M credentials, the seeded users and their tokens), then
 * answers counter requests. There is no close message: the parent closing the channel, on purpose or by dying,
 * closes the emulator and ends this process, so it cannot outlive the run.
 */
import { LogtoEmulator, type EmulatorCounters } from '@logto-account-service/logto-emulator';
import { seedFixture, seedSoakFixture, type Fixture } from './scenarios.js';

/** What to seed: the benchmark's 1,000 users, or the soak's (argv[2], as JSON). */
export type UpstreamSeed = { kind: 'bench' } | { kind: 'soak'; users: number; tokenTtlSeconds: number };

export type UpstreamRequest = { id: number; type: 'reset-counters' | 'read-counters' };

export interface UpstreamReady {
  type: 'ready';
  endpoint: string;
  m2mAppId: string;
  m2mAppSecret: string;
  fixture: Fixture;
}

export type UpstreamMessage = UpstreamReady | { type: 'reply'; id: number; counters: EmulatorCounters };

if (!process.send) throw new Error('bench/upstream.js is started by the benchmark (child_process.fork), with an IPC channel');

const seed = JSON.parse(process.argv[2] ?? '') as UpstreamSeed;
const starting = LogtoEmulator.start({ host: '127.0.0.1', port: 0 });
process.once('disconnect', () => {
  void starting.then((emulator) => emulator.close()).finally(() => process.exit(0));
});

function send(message: UpstreamMessage): void {
  if (process.connected) process.send?.(message);
}

const emulator = await starting;
const fixture = seed.kind === 'bench' ? await seedFixture(emulator) : await seedSoakFixture(emulator, seed);

process.on('message', (request: UpstreamRequest) => {
  if (request.type === 'reset-counters') emulator.resetCounters();
  send({ type: 'reply', id: request.id, counters: emulator.counters });
});
send({ type: 'ready', endpoint: emulator.endpoint, m2mAppId: emulator.m2mAppId, m2mAppSecret: emulator.m2mAppSecret, fixture });
