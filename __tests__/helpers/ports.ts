import { createServer, type LookupFunction } from 'node:net';

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * A resolver for the client's `connect.lookup` that sends every name to 127.0.0.1: a registry can then be
 * reached by a name the client treats as a remote host (https by default, no loopback allowances) while no
 * traffic leaves this machine.
 */
export const resolveToLoopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
};
