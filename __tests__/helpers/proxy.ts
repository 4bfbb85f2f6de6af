// A forwarding HTTP proxy on loopback between the client and the real registry. It records what each
// request carried and lets a test rewrite answers (e.g. send an upload Location to another host).
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { freePort } from './ports.js';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

export interface Proxy {
  host: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

export interface ProxyOptions {
  /** host:port to forward to. */
  target: string;
  /** Headers added to every forwarded request (what a storage host's own signature would grant). */
  addHeaders?: Record<string, string>;
  /** Answers a request itself instead of forwarding it: return a status (and headers), or undefined to forward. */
  fault?: (req: RecordedRequest) => { status: number; headers?: Record<string, string>; body?: string } | undefined;
  /** Rewrites the answer's headers before they go back to the client. */
  rewriteResponseHeaders?: (req: RecordedRequest, headers: IncomingMessage['headers']) => IncomingMessage['headers'];
}

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const port = await freePort();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } };
    requests.push(recorded);
    const fault = options.fault?.(recorded);
    if (fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? '');
      return;
    }
    const upstream = request(
      {
        host: options.target.split(':')[0],
        port: Number(options.target.split(':')[1]),
        method: req.method,
        path: req.url,
        headers: { ...req.headers, ...options.addHeaders },
      }, // Host kept: the registry builds its Locations from it
      (up) => {
        const headers = options.rewriteResponseHeaders ? options.rewriteResponseHeaders(recorded, up.headers) : up.headers;
        res.writeHead(up.statusCode ?? 502, headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
