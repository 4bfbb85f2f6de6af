// A forwarding HTTP proxy on loopback between the client and the real registry. It records what each
// request carried and lets a test rewrite answers (e.g. send an upload Location to another host).
import { createServer, request, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
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

export type Fault =
  /** Answer with this instead of the registry. */
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Close the connection once some of the request body has arrived (a reset mid-upload). */
  | { reset: 'request' }
  /** Forward, then close the connection half way through the registry's answer. */
  | { reset: 'response' }
  /** Answer nothing for this long (past the client's timeout). */
  | { stallMs: number }
  /** Forward only once this settles: one client's request held while another runs (a race, made to happen). */
  | { holdUntil: Promise<unknown> };

export interface ProxyOptions {
  /** host:port to forward to. */
  target: string;
  /** Headers added to every forwarded request (what a storage host's own signature would grant). */
  addHeaders?: Record<string, string>;
  /** Answers a request itself, or breaks it, instead of forwarding it; undefined forwards. */
  fault?: (req: RecordedRequest) => Fault | undefined;
  /** Rewrites the answer's headers before they go back to the client. */
  rewriteResponseHeaders?: (req: RecordedRequest, headers: IncomingMessage['headers']) => IncomingMessage['headers'];
  /** Serve TLS with this key and certificate (a TLS-terminating proxy in front of the plain-HTTP registry). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

export async function startProxy(options: ProxyOptions): Promise<Proxy> {
  const port = await freePort();
  const requests: RecordedRequest[] = [];
  const handler: RequestListener = (req, res) => {
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } };
    requests.push(recorded);
    const fault = options.fault?.(recorded);
    if (fault && 'status' in fault) {
      req.resume();
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(fault.body ?? '');
      return;
    }
    if (fault && 'stallMs' in fault) {
      req.resume();
      const timer = setTimeout(() => res.destroy(), fault.stallMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (fault && 'reset' in fault && fault.reset === 'request') {
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > 0) req.socket.destroy();
      });
      req.on('end', () => req.socket.destroy());
      return;
    }
    if (fault && 'holdUntil' in fault) {
      req.pause();
      void fault.holdUntil.then(() => forward(req, res, recorded, false));
      return;
    }
    forward(req, res, recorded, fault !== undefined && 'reset' in fault && fault.reset === 'response');
  };
  const forward = (req: IncomingMessage, res: ServerResponse, recorded: RecordedRequest, cutResponse: boolean) => {
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
        if (cutResponse) {
          // Half of the body, then the connection goes.
          const length = Number(up.headers['content-length'] ?? 2);
          let sent = 0;
          up.on('data', (chunk: Buffer) => {
            const take = Math.max(1, Math.floor(length / 2) - sent);
            if (sent < length / 2) res.write(chunk.subarray(0, take));
            sent += take;
            if (sent >= length / 2) res.socket?.destroy();
          });
          return;
        }
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const server: Server = options.tls ? createTlsServer(options.tls, handler) : createServer(handler);
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
