import { createServer } from 'node:net';

/**
 * Asks the OS for a port nobody is listening on. There is a short window between closing this
 * probe and the real listener binding, which is acceptable for a local tool and tests.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen({ port: 0, host }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : undefined;
      probe.close(() => {
        if (port === undefined) reject(new Error('The OS did not report the probed port.'));
        else resolve(port);
      });
    });
  });
}
