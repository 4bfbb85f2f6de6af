// A network between the client and loopback services, for bench/latency.bench-run.ts and the round-trip tests: a TCP proxy that
// delays every packet direction by a fixed one-way delay (a connection's setup costs one round trip, as a
// TCP handshake does), in front of an HTTP recorder that logs each request's arrival and end on one clock.
// From the log: the number of requests, and of round trips in series (the longest chain of requests each
// sent on an answer to the one before).
import { createServer as createTcpServer, connect, type Server as TcpServer, type Socket } from 'node:net';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { freePort } from './ports.js';

export interface Exchange {
  service: string;
  method: string;
  path: string;
  status: number;
  start: number;
  end: number;
}

export interface Front {
  /** host:port the client is given: the delay proxy. */
  host: string;
  /** The one-way delay from now on. */
  setDelay(ms: number): void;
  stop(): Promise<void>;
}

/** One direction of a connection: chunks written `delayMs` after they arrived, in order. */
function delayed(from: Socket, to: Socket, delayMs: () => number, notBefore: () => number): void {
  let last = 0; // never before an earlier chunk: the delay may change mid-connection
  from.on('data', (chunk: Buffer) => {
    last = Math.max(performance.now() + delayMs(), notBefore(), last);
    setTimeout(() => to.writable && to.write(chunk), Math.max(0, last - performance.now()));
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - performance.now())));
  from.on('error', () => to.destroy());
}

/**
 * A TCP proxy to `target` that holds each direction `delayMs` (one-way delay; the round trip is twice it).
 * The client's first bytes wait one more round trip: the handshake a real connection makes first.
 */
export async function startDelayProxy(target: string, delayMs: number): Promise<Front> {
  const [host, port] = target.split(':');
  let delay = delayMs;
  const sockets = new Set<Socket>();
  const server: TcpServer = createTcpServer((client) => {
    const accepted = performance.now();
    const upstream = connect(Number(port), host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    const handshake = accepted + 2 * delay;
    delayed(
      client,
      upstream,
      () => delay,
      () => handshake,
    );
    delayed(
      upstream,
      client,
      () => delay,
      () => 0,
    );
  });
  const listen = await freePort();
  await new Promise<void>((ok) => server.listen(listen, '127.0.0.1', ok));
  return {
    host: `127.0.0.1:${listen}`,
    setDelay: (ms) => (delay = ms),
    stop: () =>
      new Promise((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

export interface RecorderOptions {
  /** Name in the log: registry, token, sigstore, github. */
  service: string;
  /** Answer manifest PUTs that carry a `subject` with OCI-Subject: a registry with the referrers API. */
  referrersApi?: boolean;
}

/** An HTTP forwarder to `target` that logs every exchange into `log`. */
export async function startRecorder(target: string, log: Exchange[], options: RecorderOptions): Promise<{ host: string; stop(): Promise<void> }> {
  const [host, port] = target.split(':');
  const server: Server = createServer((req, res) => {
    const start = performance.now();
    const chunks: Buffer[] = [];
    const manifestPut = req.method === 'PUT' && /\/manifests\//.test(req.url ?? '');
    // A connection per request on the undelayed hop: a kept-alive one the registry closed meanwhile would break
    // the client's request, not the measurement.
    const up = request({ host, port: Number(port), method: req.method, path: req.url, headers: req.headers, agent: false }, (answer: IncomingMessage) => {
      const headers = { ...answer.headers };
      if (options.referrersApi && manifestPut && answer.statusCode === 201) {
        const subject = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { subject?: { digest?: string } }).subject?.digest;
        if (subject) headers['oci-subject'] = subject;
      }
      res.writeHead(answer.statusCode ?? 502, headers);
      answer.pipe(res);
      answer.on('end', () =>
        log.push({
          service: options.service,
          method: req.method ?? '',
          path: (req.url ?? '').split('?')[0]!,
          status: answer.statusCode ?? 0,
          start,
          end: performance.now(),
        }),
      );
    });
    up.on('error', (e) => {
      if (process.env.LATENCY_NET_DEBUG) console.error('recorder: upstream', req.method, req.url, e);
      res.destroy();
    });
    if (manifestPut) req.on('data', (c: Buffer) => chunks.push(c));
    req.pipe(up);
  });
  const listen = await freePort();
  await new Promise<void>((ok) => server.listen(listen, '127.0.0.1', ok));
  return {
    host: `127.0.0.1:${listen}`,
    stop: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

/** A recorder behind a delay proxy: what a client reaches `target` through, over the network. */
export async function startFront(target: string, delayMs: number, log: Exchange[], options: RecorderOptions): Promise<Front> {
  const recorder = await startRecorder(target, log, options);
  const proxy = await startDelayProxy(recorder.host, delayMs);
  return {
    host: proxy.host,
    setDelay: (ms) => proxy.setDelay(ms),
    stop: async () => {
      await proxy.stop();
      await recorder.stop();
    },
  };
}

/**
 * Each exchange's place in the longest chain of round trips that led to it, in arrival order: behind a one-way
 * delay of `delayMs`, a request sent on an answer arrives at least two delays after that answer left, and
 * requests sent together arrive together, so B follows A when B arrived more than one delay after A ended.
 * A request's round is one more than the latest round among those it follows.
 */
export function seriesRounds(log: Exchange[], delayMs: number): Array<Exchange & { round: number }> {
  const sorted = [...log].sort((a, b) => a.start - b.start);
  const rounds: number[] = [];
  sorted.forEach((e, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.end + delayMs < e.start) before = Math.max(before, rounds[j]!);
    rounds.push(before + 1);
  });
  return sorted.map((e, i) => ({ ...e, round: rounds[i]! }));
}

/** Round trips in series: the longest chain (seriesRounds). */
export function roundsInSeries(log: Exchange[], delayMs: number): number {
  return Math.max(0, ...seriesRounds(log, delayMs).map((e) => e.round));
}
