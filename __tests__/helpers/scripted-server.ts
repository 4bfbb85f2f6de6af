// A registry stand-in on loopback whose answers a test writes itself, for request sequences the real
// registry cannot be made to produce (a lost race on a conditional write, a registry out of step with a
// chunked upload): oras-go tests its client the same way (registry/remote/repository_test.go).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { freePort } from './ports.js';

export interface Exchange {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Answers one request (the body has been read whole); `res.socket?.destroy()` breaks the connection instead. */
export type Script = (req: Exchange, res: ServerResponse) => void;

export interface ScriptedServer {
  host: string;
  /** Every request in the order it arrived. */
  requests: Exchange[];
  /** TCP connections accepted so far. */
  connections(): number;
  stop(): Promise<void>;
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const port = await freePort();
  const requests: Exchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const exchange = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      requests.push(exchange);
      script(exchange, res);
    });
  });
  let connections = 0;
  server.on('connection', () => connections++);
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  return {
    host: `127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** Writes a JSON (or empty) answer. */
export function answer(res: ServerResponse, status: number, headers: Record<string, string> = {}, body?: unknown): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
