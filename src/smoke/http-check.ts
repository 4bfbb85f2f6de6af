// The one request of an HTTP smoke run: wait until the server the runtime started accepts connections, send
// the request the user named, and read the status and the start of the body. Always to 127.0.0.1 on the port
// the smoke run chose: never through a proxy, never anywhere else.
import { connect, createServer } from 'node:net';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SmokeRequest } from './settings.js';

/** The start of a response body kept for the report. */
const KEPT_BODY = 4096;

/** A port nothing listens on now: the kernel's pick, released for the runtime to bind. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** True once something accepts on the port; false when `gaveUp()` says to stop (deadline, the child exited). */
export async function waitForListener(port: number, gaveUp: () => boolean): Promise<boolean> {
  while (!gaveUp()) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await sleep(25);
  }
  return false;
}

export interface HttpAnswer {
  status: number;
  body: string;
}

export function sendRequest(port: number, req: SmokeRequest, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
    const sent = request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.path,
        headers: { host: `127.0.0.1:${port}`, ...(body ? { 'content-length': String(body.length) } : {}) },
        timeout: timeoutMs,
        agent: false,
      },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => {
          if (text.length < KEPT_BODY) text += chunk.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, KEPT_BODY) }));
        res.on('error', reject);
      },
    );
    sent.on('timeout', () => sent.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    sent.on('error', reject);
    sent.end(body);
  });
}
