import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1: asked from the kernel, released, then given to the server the script starts. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
