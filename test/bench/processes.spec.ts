/** bench/processes.ts: the CPU figures the bench divides by the requests of a run, for the process and its main thread. */
import { readCpuMs } from '../../bench/processes.js';

/** Busy on this (the main) thread until the process has used `ms` more of CPU: descheduled time does not count. */
function burn(ms: number): void {
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const end = cpu() + ms;
  while (cpu() < end);
}

describe('readCpuMs', () => {
  it("reads the process's CPU and its main thread's, the main thread's part of the whole", () => {
    const processBefore = readCpuMs(process.pid);
    const mainBefore = readCpuMs(process.pid, process.pid);
    burn(120);
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
