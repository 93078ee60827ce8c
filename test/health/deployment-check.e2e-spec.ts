/** Issue #22, defect 8: several replicas without Redis silently split the shared state; the service says so at boot. */
import { startEmulatorApp } from '../support/test-app.js';

describe('boot warning for several replicas without a shared store', () => {
  it.each([
    ['warns when REPLICAS is above 1 and REDIS_URL is unset', { REPLICAS: '3' }, true],
    ['stays quiet for a single instance', { REPLICAS: '1' }, false],
    ['stays quiet when REPLICAS is not set', {}, false],
  ] as const)('%s', async (_name, env, warns) => {
    const t = (await startEmulatorApp({ emulator: null, env })).t;
    try {
      const warnings = t.logLines().filter((line) => line.level === 'warn' && String(line.msg).includes('REDIS_URL is not set'));
      expect(warnings).toHaveLength(warns ? 1 : 0);
      if (warns) expect(warnings[0]).toMatchObject({ replicas: 3 });
    } finally {
      await t.close();
    }
  });

  it('refuses a REPLICAS value that is not a positive count, with the other configuration problems', async () => {
    await expect(startEmulatorApp({ emulator: null, env: { REPLICAS: '0' } })).rejects.toThrow(/REPLICAS/);
  });
});
