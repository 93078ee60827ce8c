/**
 * Issue #22, defect 3: NODE_ENV=development asks for pino-pretty, a dev dependency the production image does not
 * have. Without it the service logs JSON and says why, instead of failing at start.
 */
import { Writable } from 'node:stream';
import { createLogger } from './logger.js';

function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const missing = (name: string): string => {
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
};

describe('pretty logs without pino-pretty', () => {
  it('logs JSON and warns once when pino-pretty cannot be found', () => {
    const out = capture();
    const logger = createLogger({ level: 'info', pretty: true, destination: out.stream, resolveModule: missing });
    logger.info('after the warning');
    const lines = out.lines();
    expect(lines.map((line) => [line.level, line.msg])).toEqual([
      ['warn', expect.stringContaining('pino-pretty (a dev dependency) is not installed')],
      ['info', 'after the warning'],
    ]);
  });

  it('does not warn when pino-pretty is installed or pretty output is not asked for', () => {
    for (const options of [{ pretty: true }, { pretty: false, resolveModule: missing }]) {
      const out = capture();
      createLogger({ level: 'info', destination: out.stream, ...options }).info('plain');
      expect(out.lines().map((line) => line.msg)).toEqual(['plain']);
    }
  });
});
