/** bench/processes.ts: the CPU figures the bench divides by the requests of a run, for the process and its main thread. */
import { burnCpu } from '../../bench/cpu-burn.js';
import { cpuMeter, readCpuMs } from '../../bench/processes.js';

describe('readCpuMs', () => {
  it("reads the process's CPU and its main thread's, the main thread's part of the whole", () => {
    const processBefore = readCpuMs(process.pid);
    const mainBefore = readCpuMs(process.pid, process.pid);
    burnCpu(120_000);
    const processAfter = readCpuMs(process.pid);
    const mainAfter = readCpuMs(process.pid, process.pid);

    expect(Number.isFinite(mainAfter)).toBe(true);
    expect(mainAfter).toBeLessThanOrEqual(processAfter);
    // /proc counts in clock ticks of 10 ms: 120 ms of busy main thread shows as at least 80 ms in both.
    expect(mainAfter - mainBefore).toBeGreaterThanOrEqual(80);
    expect(processAfter - processBefore).toBeGreaterThanOrEqual(mainAfter - mainBefore - 10);
  });

  it('is NaN for a process or thread that does not exist, and for no pid', () => {
    expect(readCpuMs(undefined)).toBeNaN();
    expect(readCpuMs(process.pid, 2 ** 30)).toBeNaN();
    expect(readCpuMs(2 ** 30)).toBeNaN();
  });
});

describe('cpuMeter', () => {
  it("divides the process's and the main thread's CPU since it started by the requests served", () => {
    const readings = { process: [1000, 1030], main: [800, 820] };
    const server = { cpuMs: () => readings.process.shift() ?? Number.NaN, mainThreadCpuMs: () => readings.main.shift() ?? Number.NaN };
    const perRequest = cpuMeter(server);
    expect(perRequest(200)).toEqual({ cpuUsPerRequest: 150, mainThreadCpuUsPerRequest: 100 });
  });
});
