import { ConfigError } from '../../src/config/load-config.js';
import { freePort } from '../observability/prometheus-text.js';
import { withEmulatorApp } from './test-app.js';

/** An emulator left listening would keep jest from exiting, so "closed" is checked as "refuses connections". */
const refuses = (endpoint: string) => expect(fetch(`${endpoint}/oidc/jwks`)).rejects.toThrow();

describe('withEmulatorApp', () => {
  it('fails with the error of an app that cannot start, and closes the emulator', async () => {
    const port = await freePort();
    const run = withEmulatorApp({ emulatorOptions: { port }, env: { METRICS_PORT: 'nine' } }, () => Promise.reject(new Error('the body must not run')));
    await expect(run).rejects.toThrow(ConfigError);
    await expect(run).rejects.toThrow(/METRICS_PORT/);
    await refuses(`http://127.0.0.1:${port}`);
  });

  it("fails with the body's own error, and closes the emulator", async () => {
    let endpoint = '';
    const run = withEmulatorApp({}, async ({ emu }) => {
      endpoint = emu.endpoint;
      expect((await fetch(`${endpoint}/oidc/jwks`)).status).toBe(200);
      throw new Error('the body failed');
    });
    await expect(run).rejects.toThrow('the body failed');
    await refuses(endpoint);
  });
});
