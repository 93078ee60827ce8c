/**
 * Preloaded (`node --import`) into every server the benchmark starts, so a server never outlives the bench
 * process: `killAll` covers a bench that ends, fails or hits its deadline, but not one that is SIGKILLed, and
 * the service has no link to its parent of its own (nor should it, in production). When the parent is gone
 * the process is re-parented, so its ppid changes: the server is then asked to stop (SIGTERM, its normal
 * graceful shutdown), and killed if it has not exited 5 s later. One timer every half second, unref'd: nothing
 * measurable on the hot path.
 */
const parent = process.ppid;
setInterval(() => {
  if (process.ppid === parent) return;
  setTimeout(() => process.exit(1), 5000).unref();
  process.kill(process.pid, 'SIGTERM');
}, 500).unref();
