/** A known amount of CPU work, for the calibration stand-in (baseline-app.ts) and the bench's own tests. */

/**
 * The process's CPU time so far, in µs. The process's and not the thread's: Linux keeps a thread's own user and
 * system time in clock ticks (`process.threadCpuUsage()` moves in steps of up to 4 ms here), the process's total
 * to the µs.
 */
export function processCpuUs(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

/**
 * Keeps the calling thread busy until the process has used `us` more µs of CPU: time spent descheduled on a busy
 * machine does not count. GC work on other threads during the loop counts too, so the caller's thread may burn
 * slightly less. Returns the µs used.
 */
export function burnCpu(us: number): number {
  const start = processCpuUs();
  let used = 0;
  while (used < us) used = processCpuUs() - start;
  return used;
}
