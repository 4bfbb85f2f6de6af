// Credentials never travel over plain HTTP to another machine, even with plain-http on. The "other
// machine" is this machine's own non-loopback address, where a server asks for Basic credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { RepositoryClient } from '../../src/oci/repository.js';
import { freePort } from '../helpers/ports.js';

function nonLoopbackAddress(): string {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!address) throw new Error('this test needs a network interface with a non-loopback IPv4 address');
  return address;
}

describe('plain HTTP to another machine', () => {
  let server: Server;
  let host: string;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    const port = await freePort();
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
    });
    await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
    host = `${nonLoopbackAddress()}:${port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets no credentials: the client refuses and says why', async () => {
    const client = new RepositoryClient({ registry: host, name: 'a/b' }, { plainHttp: true, credentials: { username: 'u', password: 'secret' } });
    await expect(client.blobExists(`sha256:${'0'.repeat(64)}`)).rejects.toThrow(
      /refusing to send credentials over plain HTTP to .*: only this machine's own registries/,
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((a) => a === undefined)).toBe(true);
    await client.close();
  });
});
