// Credentials never travel over plain HTTP to another machine, even with plain-http on. The "other machine"
// is a name (registry.internal), which the client's own resolver sends to a server on loopback that asks for
// Basic credentials: to the client it is a remote host, and no traffic leaves this machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { RepositoryClient } from '../../src/oci/repository.js';
import { freePort, resolveToLoopback } from '../helpers/ports.js';
import { startConnectProxy } from '../helpers/connect-proxy.js';

describe('plain HTTP to another machine', () => {
  let server: Server;
  let port: number;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    port = await freePort();
    server = createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(401, { 'www-authenticate': 'Basic realm="r"' }).end();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('gets no credentials: the client refuses and says why', async () => {
    const client = new RepositoryClient(
      { registry: `registry.internal:${port}`, name: 'a/b' },
      { plainHttp: true, credentials: { username: 'u', password: 'secret' }, connect: { lookup: resolveToLoopback } },
    );
    await expect(client.blobExists(`sha256:${'0'.repeat(64)}`)).rejects.toThrow(
      /refusing to send credentials over plain HTTP to registry\.internal:\d+: only this machine's own registries/,
    );
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((a) => a === undefined)).toBe(true);
    await client.close();
  });

  it('through HTTP_PROXY too: the proxy, which reads plain HTTP, is given no credentials', async () => {
    const proxy = await startConnectProxy();
    seen.length = 0;
    const client = new RepositoryClient(
      { registry: `registry.internal:${port}`, name: 'a/b' },
      { plainHttp: true, credentials: { username: 'u', password: 'secret' }, proxyEnv: { HTTP_PROXY: proxy.url } },
    );
    try {
      await expect(client.blobExists(`sha256:${'0'.repeat(64)}`)).rejects.toThrow(/refusing to send credentials over plain HTTP to registry\.internal/);
      expect(proxy.tunnels.map((t) => t.target)).toContain(`registry.internal:${port}`);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((a) => a === undefined)).toBe(true);
    } finally {
      await client.close();
      await proxy.stop();
    }
  });
});
