/** bench/processes.ts: the CPU figures the bench divides by the requests of a run, for the process and its main thread. */
import { cpuMeter, readCpuMs } from '../../bench/processes.js';

describe('readCpuMs', () => {
  it("reads the process's CPU and its main thread's, the main thread's part of the whole", () => {
    const processBefore = readCpuMs(process.pid);
    const mainBefore = readCpuMs(process.pid, process.pid);
    // Busy on this thread until its own reading has moved 120 ms (or 5 s have passed): burning a fixed amount of
    // the process's CPU instead would leave the main thread less whenever V8's GC threads ran meanwhile.
    const deadline = performance.now() + 5000;
    while (readCpuMs(process.pid, process.pid) - mainBefore < 120 && performance.now() < deadline);
    const processAfter = readCpuMs(process.pid);
    const mainAfter = readCpuMs(process.pid, process.pid);

    expect(Number.isFinite(mainAfter)).toBe(true);
    expect(mainAfter).toBeLessThanOrEqual(processAfter);
    // /proc counts in clock ticks of 10 ms; the process's figure includes the main thread's.
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
