/**
 * The calibration server (bench/baseline-plus.ts): the baseline with a known amount of main-thread CPU added to
 * every request. Its figures are only worth anything if the µs it adds are really spent, per request.
 */
import type { FastifyInstance } from 'fastify';
import { burnCpu, processCpuUs as cpuUs } from '../../bench/cpu-burn.js';

// baseline-work.ts reads its settings when loaded; nothing is called on these (no request reaches Logto here).
process.env.LOGTO_ENDPOINT ??= 'http://127.0.0.1:9';
process.env.LOGTO_AUDIENCE ??= 'https://account.example.test';
process.env.LOGTO_M2M_APP_ID ??= 'calibration';
process.env.LOGTO_M2M_APP_SECRET ??= 'calibration';
process.env.LOG_LEVEL = 'silent';

const { createBaseline } = await import('../../bench/baseline-app.js');


/**
 * The process's CPU, in µs, of a GET /health/live request through inject: the median of `count` (after 20 to warm
 * up). The median, because the process's CPU includes V8's GC threads, whose bursts would land on a few requests.
 */
async function cpuPerRequest(app: FastifyInstance, count: number): Promise<number> {
  for (let i = 0; i < 20; i += 1) await app.inject({ method: 'GET', url: '/health/live' });
  const perRequest: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const before = cpuUs();
    const response = await app.inject({ method: 'GET', url: '/health/live' });
    perRequest.push(cpuUs() - before);
    expect(response.statusCode).toBe(200);
  }
  perRequest.sort((a, b) => a - b);
  return perRequest[Math.floor(count / 2)];
}

describe('burnCpu', () => {
  it('uses at least the CPU asked for, and says how much', () => {
    // Measured with Node's clock directly, not with the module's processCpuUs(): a burn and its check on the same
    // wrong clock (a thread's, which moves in ticks) would agree with each other.
    const clock = () => {
      const { user, system } = process.cpuUsage();
      return user + system;
    };
    const before = clock();
    const used = burnCpu(300);
    const measured = clock() - before;
    expect(used).toBeGreaterThanOrEqual(300);
    expect(measured).toBeGreaterThanOrEqual(300);
    // What was asked, not a clock tick's worth more (a thread's own CPU time moves in steps of up to 4 ms).
    expect(measured).toBeLessThan(1300);
  });
});

describe('createBaseline({ addedCpuUs })', () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('adds the CPU to every request, and the plain baseline adds none', async () => {
    const plain = createBaseline();
    const plus = createBaseline({ addedCpuUs: 3000 });
    apps.push(plain, plus);
    const plainUs = await cpuPerRequest(plain, 40);
    const plusUs = await cpuPerRequest(plus, 40);
    expect(plusUs).toBeGreaterThanOrEqual(3000);
    expect(plainUs).toBeLessThan(3000);
    expect(plusUs - plainUs).toBeGreaterThanOrEqual(2400);
  });

  it('answers the readiness route the bench polls for a "service"', async () => {
    const app = createBaseline({ addedCpuUs: 10 });
    apps.push(app);
    const response = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });
});
