// HTTP to one registry: requests, redirects, timeouts, retries under the client's one policy, and bodies read
// up to a limit. Authentication is its own layer (auth.ts), called on a 401. Everything the registry client
// sends goes through here.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type { LookupFunction } from 'node:net';
import type { Dispatcher } from 'undici';
import { ActionError } from '../errors.js';
import { Agent, PROXY_TUNNEL_CLOSED, proxyAgent, request } from './http.js';
import { proxyFor, type ProxyEnv } from './proxy.js';
import { Authenticator, type Credentials } from './auth.js';
import { ERROR_BODY_LIMIT, parseErrorBody, RegistryError, statusHint } from './errors.js';
import { RetryPolicy } from './policy.js';
import { isLoopbackHost } from './reference.js';

export interface TransportOptions {
  /** host[:port] of the registry; the only origin that ever gets the registry's Authorization header. */
  registry: string;
  plainHttp: boolean;
  credentials?: Credentials;
  /** The OAuth2 client_id of refresh-token grants (auth.ts). */
  clientId?: string;
  retry?: RetryPolicy;
  /** Called with every token the client obtains, so the caller can mask it in logs. */
  onSecret?: (secret: string) => void;
  log?: (line: string) => void;
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  /** How sockets are opened: a CA to trust, a resolver (tests reach a registry name on loopback this way). */
  connect?: { ca?: string | Buffer; lookup?: LookupFunction };
  /** The environment's proxy settings (https_proxy, http_proxy, no_proxy; proxy.ts), for every request. */
  proxyEnv?: ProxyEnv;
}

export type RequestBody = string | Buffer | Readable;

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** A path on the registry (`/v2/…`) or an absolute URL (upload locations may point elsewhere). */
  url: string | URL;
  headers?: Record<string, string>;
  /** A factory, so that a retried request sends the body again from its start. */
  body?: () => RequestBody;
  /** Statuses that count as success. */
  expect: number[];
  /** Words for error messages: "upload of blob sha256:…". */
  operation: string;
  /**
   * False for uploads: a body that broke half way may have left bytes in the upload session, so sending it
   * again to the same location could corrupt the blob. The blob upload itself restarts or resumes instead.
   */
  retryable?: boolean;
}

export interface HttpResponse {
  status: number;
  url: URL;
  header(name: string): string | undefined;
  body: Buffer;
}

type Attempt = { method: HttpRequest['method']; headers: Record<string, string>; body?: RequestBody };

/** Success bodies (manifests, token answers) are read up to this size; the spec's manifest limit is 4 MiB. */
const SUCCESS_BODY_LIMIT = 8 * 1024 * 1024;
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

export class Transport {
  readonly base: URL;
  /** Whether the registry ever asked this client to authenticate (a 401): one that never did serves anyone. */
  challenged = false;
  private readonly agent: Agent;
  private readonly retry: RetryPolicy;
  private readonly auth: Authenticator;
  /** One agent per proxy, made on the first request that goes through it. */
  private readonly proxied = new Map<string, Promise<Dispatcher>>();

  constructor(private readonly options: TransportOptions) {
    const plain = options.plainHttp || isLoopbackHost(options.registry);
    this.base = new URL(`${plain ? 'http' : 'https'}://${options.registry}`);
    this.retry = options.retry ?? new RetryPolicy();
    this.agent = new Agent({
      connections: 8,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeouts?.connectMs ?? 30_000,
      headersTimeout: options.timeouts?.headersMs ?? 120_000,
      bodyTimeout: options.timeouts?.bodyMs ?? 300_000,
      ...(options.connect ? { connect: options.connect } : {}),
    });
    this.auth = new Authenticator(
      { registry: this.base, credentials: options.credentials, clientId: options.clientId, onSecret: options.onSecret, log: options.log },
      async ({ url, method, headers, body }, operation) => {
        // Never a redirect: a 30x would take the credentials (an identity token in the body) wherever it points.
        const res = await this.exchange(url, () => ({ method, headers, body }), operation, true);
        return { status: res.statusCode, text: (await readLimited(res.body, ERROR_BODY_LIMIT)).toString('utf8') };
      },
    );
  }

  async close(): Promise<void> {
    await Promise.all([this.agent.close(), ...[...this.proxied.values()].map(async (d) => (await d).close())]);
  }

  /** The direct agent, or the one for the proxy the environment names for this URL. */
  private dispatcherFor(url: URL): { proxy?: URL; dispatcher: Promise<Dispatcher> | Agent } {
    const proxy = this.options.proxyEnv ? proxyFor(url, this.options.proxyEnv) : undefined;
    if (!proxy) return { dispatcher: this.agent };
    let dispatcher = this.proxied.get(proxy.href);
    if (!dispatcher) {
      const t = this.options.timeouts;
      dispatcher = proxyAgent({
        uri: proxy.href,
        connections: 8,
        keepAliveTimeout: 30_000,
        headersTimeout: t?.headersMs ?? 120_000,
        bodyTimeout: t?.bodyMs ?? 300_000,
        ...(this.options.connect?.ca ? { requestTls: { ca: this.options.connect.ca } } : {}),
      });
      this.proxied.set(proxy.href, dispatcher);
    }
    return { proxy, dispatcher };
  }

  /** Sends a request in `scope`, authenticating on 401 (once per request), following read redirects, retrying transient failures. */
  async send(req: HttpRequest, scope: string): Promise<HttpResponse> {
    let url = new URL(req.url, this.base);
    let authenticated = false;
    let redirects = 0;
    for (;;) {
      this.refuseDowngrade(url, req.operation);
      const target = url;
      const res = await this.exchange(
        target,
        () => ({ method: req.method, headers: { ...req.headers, ...this.auth.headerFor(target, scope) }, body: req.body?.() }),
        req.operation,
        req.retryable !== false,
      );
      const header = (name: string) => headerOf(res, name);
      if (res.statusCode === 401 && !authenticated && url.origin === this.base.origin) {
        await res.body.dump({ limit: ERROR_BODY_LIMIT });
        authenticated = true;
        this.challenged = true;
        await this.auth.onChallenge(header('www-authenticate'), scope, req.operation);
        continue;
      }
      // Blob reads may be redirected to a storage host; Authorization stays behind (Authenticator.headerFor).
      if (REDIRECT_STATUS.has(res.statusCode) && (req.method === 'GET' || req.method === 'HEAD') && header('location') && redirects < MAX_REDIRECTS) {
        await res.body.dump({ limit: ERROR_BODY_LIMIT });
        url = new URL(header('location')!, url);
        redirects++;
        continue;
      }
      if (!req.expect.includes(res.statusCode)) {
        const text = (await readLimited(res.body, ERROR_BODY_LIMIT)).toString('utf8');
        throw new RegistryError(res.statusCode, req.operation, parseErrorBody(text), statusHint(res.statusCode));
      }
      const body = await readLimited(res.body, SUCCESS_BODY_LIMIT);
      return { status: res.statusCode, url, header, body };
    }
  }

  /**
   * A registry reached over TLS never sends the client to plain HTTP: an upload Location or a redirect to
   * http:// is refused, not followed (and credentials are bound to the registry's origin besides). The usual
   * cause is a TLS proxy that does not tell the registry the client's scheme: distribution then writes http://
   * upload locations.
   */
  private refuseDowngrade(url: URL, operation: string): void {
    if (this.base.protocol !== 'https:' || url.protocol === 'https:') return;
    throw new ActionError(
      'registry-protocol',
      `${operation} failed: the registry at ${this.base.host} sent the client to ${url.origin}${url.pathname}, over plain HTTP; refusing to leave TLS. ` +
        'A TLS proxy in front of the registry that does not set "X-Forwarded-Proto: https" makes it write http:// upload locations: ' +
        "set that header in the proxy, or the registry's externally reachable URL (distribution: http.host) to its https:// address",
    );
  }

  /**
   * One request, sent again after a broken connection or a transient answer while the policy allows (never
   * when not `retryable`). `init` is called per try: the body starts over, and the Authorization is the
   * latest. The last answer, whatever its status, is returned.
   */
  private async exchange(url: URL, init: () => Attempt, operation: string, retryable: boolean): Promise<Dispatcher.ResponseData> {
    const attempts = this.retry.start(this.options.log);
    for (;;) {
      const sent = init();
      const started = performance.now();
      // Path only: an upload URL's query carries the registry's session state.
      const { proxy, dispatcher } = this.dispatcherFor(url);
      const via = proxy ? ` via ${proxy.host}` : ''; // the proxy's host only: never its credentials
      const told = (outcome: string | number) =>
        this.options.log?.(`${sent.method} ${url.host}${url.pathname}${via}: ${outcome} in ${Math.round(performance.now() - started)} ms`);
      let res: Dispatcher.ResponseData;
      try {
        // undici closes the connection after every HEAD (against servers that send a body with it: undici#258);
        // registries do not, and a push makes two HEADs per blob, each then a new connection (a TLS handshake).
        // Keep it open, as Go's and curl's clients do.
        res = await request(url, { ...sent, dispatcher: await dispatcher, ...(sent.method === 'HEAD' ? { reset: false } : {}) });
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        told(code || 'no answer');
        const wait = retryable ? attempts.next({ network: code }, `${operation}: ${code}`) : undefined;
        if (wait !== undefined) {
          await sleep(wait);
          continue;
        }
        const why = proxy ? tunnelFailure(err as Error, proxy) : undefined;
        if (why)
          throw new ActionError('network', `${operation} failed: cannot reach ${url.host} through the proxy ${proxy!.host}: ${why}`, { code, cause: err });
        throw new ActionError('network', `${operation} failed: cannot reach ${url.host} (${code || (err as Error).message})`, { code, cause: err });
      }
      told(res.statusCode);
      const outcome = { status: res.statusCode, retryAfter: headerOf(res, 'retry-after') };
      const wait = retryable ? attempts.next(outcome, `${operation}: HTTP ${res.statusCode}`) : undefined;
      if (wait === undefined) return res;
      await res.body.dump({ limit: ERROR_BODY_LIMIT });
      await sleep(wait);
    }
  }
}

/**
 * Why a proxy would not open a tunnel, for the error: its answer to CONNECT (undici says only "Proxy response
 * (407) !== 200"), or its closing the connection. Names the proxy by host: never its credentials.
 */
function tunnelFailure(err: Error, proxy: URL): string | undefined {
  const status = /^Proxy response \((\d{3})\) !== 200/.exec(err.message)?.[1];
  if (status === '407') {
    return proxy.username
      ? 'it answered 407 Proxy Authentication Required: it refused the user name and password in the proxy URL'
      : 'it answered 407 Proxy Authentication Required: give its credentials in the proxy URL (http://user:password@host:port), or name the registry in NO_PROXY';
  }
  if (status) return `it answered ${status} to CONNECT instead of opening a tunnel`;
  if ((err as NodeJS.ErrnoException).code === PROXY_TUNNEL_CLOSED) return `${err.message} (a proxy that allows no CONNECT, or not to this host and port?)`;
  return undefined;
}

/** Reads a body up to `limit` bytes and discards the rest, so a huge error page costs nothing. */
async function readLimited(body: Dispatcher.ResponseData['body'], limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    if (size + buf.length > limit) {
      chunks.push(buf.subarray(0, limit - size));
      body.destroy();
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  return Buffer.concat(chunks);
}

function headerOf(res: Dispatcher.ResponseData, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
