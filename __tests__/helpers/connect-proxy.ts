// A forward proxy on loopback that tunnels (CONNECT: what undici, curl and Go send through a proxy for https,
// and undici for http too). It records each tunnel's target and Proxy-Authorization, and sends every host to
// 127.0.0.1, as a corporate proxy would resolve names the runner cannot.
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { freePort } from './ports.js';

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  tunnels: Array<{ target: string; authorization?: string }>;
  stop(): Promise<void>;
}

/** How the proxy answers CONNECT: it tunnels; it wants credentials (407); it closes the connection. */
export type ConnectMode = 'tunnel' | 'require-auth' | 'drop';

export async function startConnectProxy(mode: ConnectMode = 'tunnel'): Promise<ConnectProxy> {
  const port = await freePort();
  const tunnels: ConnectProxy['tunnels'] = [];
  const server: Server = createServer((_req, res) => res.writeHead(405).end()); // tunnels only
  server.on('connect', (req, client, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push({ target, authorization: req.headers['proxy-authorization'] });
    if (mode === 'drop') return client.destroy();
    if (mode === 'require-auth') {
      return client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n');
    }
    const upstream = connect(Number(target.split(':').pop()), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
