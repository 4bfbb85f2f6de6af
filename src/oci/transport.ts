// HTTP to one registry: authentication on challenge, host rules for credentials, bounded retries with
// backoff, timeouts, and error bodies read up to a limit. Everything the registry client sends goes here.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { Agent, request } from './http.js';
import { basicAuthorization, parseChallenge, tokenFromResponse, type Credentials } from './auth.js';
import { ERROR_BODY_LIMIT, NetworkError, parseErrorBody, RegistryError } from './errors.js';
import { isLoopbackHost } from './reference.js';

/** Retries after 408/429/5xx and broken connections. Defaults follow oras-go's policy (retry/policy.go). */
export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Cap on one Retry-After wait. */
  maxRetryAfterMs: number;
  /** Cap on all the waiting one request may do: past it, the last error stands. */
  maxTotalWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 5, baseDelayMs: 250, maxDelayMs: 3000, maxRetryAfterMs: 30_000, maxTotalWaitMs: 60_000 };

export interface TransportOptions {
  /** host[:port] of the registry; the only host that ever gets the registry's Authorization header. */
  registry: string;
  plainHttp: boolean;
  credentials?: Credentials;
  retry?: RetryPolicy;
  /** Called with every token the client obtains, so the caller can mask it in logs. */
  onSecret?: (secret: string) => void;
  log?: (line: string) => void;
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
}

export type RequestBody = string | Buffer | Readable;

export interface HttpRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH';
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

/** Success bodies (manifests, token answers) are read up to this size; the spec's manifest limit is 4 MiB. */
const SUCCESS_BODY_LIMIT = 8 * 1024 * 1024;
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const RETRYABLE_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

export class Transport {
  readonly base: URL;
  private readonly agent: Agent;
  private readonly retry: RetryPolicy;
  private authorization: string | undefined;
  /** One token request at a time: parallel uploads that meet the same 401 share its answer. */
  private pendingAuth: Promise<void> | undefined;

  constructor(private readonly options: TransportOptions) {
    const plain = options.plainHttp || isLoopbackHost(options.registry);
    this.base = new URL(`${plain ? 'http' : 'https'}://${options.registry}`);
    this.retry = options.retry ?? DEFAULT_RETRY;
    this.agent = new Agent({
      connections: 8,
      keepAliveTimeout: 30_000,
      connectTimeout: options.timeouts?.connectMs ?? 30_000,
      headersTimeout: options.timeouts?.headersMs ?? 120_000,
      bodyTimeout: options.timeouts?.bodyMs ?? 300_000,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Sends a request, authenticating on 401 (once per request) and retrying transient failures. */
  async send(req: HttpRequest, scope: string): Promise<HttpResponse> {
    let url = new URL(req.url, this.base);
    let authenticated = false;
    let redirects = 0;
    const retries = req.retryable === false ? 0 : this.retry.maxRetries;
    for (;;) {
      const target = url;
      const res = await this.withRetries(
        target,
        () => ({ method: req.method, headers: { ...req.headers, ...this.authHeader(target) }, body: req.body?.() }),
        req.operation,
        retries,
      );
      const header = (name: string) => headerOf(res, name);
      if (res.statusCode === 401 && !authenticated && url.host === this.base.host) {
        await res.body.dump({ limit: ERROR_BODY_LIMIT });
        authenticated = true;
        this.pendingAuth ??= this.authenticate(header('www-authenticate'), scope, req.operation).finally(() => {
          this.pendingAuth = undefined;
        });
        await this.pendingAuth;
        continue;
      }
      // Blob reads may be redirected to a storage host; Authorization stays behind (authHeader is per host).
      if (REDIRECT_STATUS.has(res.statusCode) && (req.method === 'GET' || req.method === 'HEAD') && header('location') && redirects < MAX_REDIRECTS) {
        await res.body.dump({ limit: ERROR_BODY_LIMIT });
        url = new URL(header('location')!, url);
        redirects++;
        continue;
      }
      if (!req.expect.includes(res.statusCode)) {
        const text = (await readLimited(res.body, ERROR_BODY_LIMIT)).toString('utf8');
        throw new RegistryError(res.statusCode, req.operation, parseErrorBody(text), hintFor(res.statusCode));
      }
      const body = await readLimited(res.body, SUCCESS_BODY_LIMIT);
      return { status: res.statusCode, url, header, body };
    }
  }

  /**
   * One request, sent again after a broken connection or 408/429/5xx, up to `retries` times and the total
   * wait cap. `init` is called per attempt: the body starts over, and the Authorization is the latest.
   * The last answer, whatever its status, is returned.
   */
  private async withRetries(
    url: URL,
    init: () => { method: HttpRequest['method']; headers: Record<string, string>; body?: RequestBody },
    operation: string,
    retries: number,
  ): Promise<Dispatcher.ResponseData> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const mayRetry = attempt < retries && waited < this.retry.maxTotalWaitMs;
      let res: Dispatcher.ResponseData;
      const sent = init();
      const started = performance.now();
      // Path only: an upload URL's query carries the registry's session state.
      const told = (outcome: string | number) =>
        this.options.log?.(`${sent.method} ${url.host}${url.pathname}: ${outcome} in ${Math.round(performance.now() - started)} ms`);
      try {
        res = await request(url, { ...sent, dispatcher: this.agent });
        told(res.statusCode);
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        told(code || 'no answer');
        if (RETRYABLE_CODES.has(code) && mayRetry) {
          waited += await this.wait(attempt, undefined, `${operation}: ${code}`);
          continue;
        }
        throw new NetworkError(`${operation} failed: cannot reach ${url.host} (${code || (err as Error).message})`, code, { cause: err });
      }
      if (RETRYABLE_STATUS.has(res.statusCode) && mayRetry) {
        await res.body.dump({ limit: ERROR_BODY_LIMIT });
        waited += await this.wait(attempt, headerOf(res, 'retry-after'), `${operation}: HTTP ${res.statusCode}`);
        continue;
      }
      return res;
    }
  }

  /** The registry's credentials go to the registry's own host only: never to a redirect or upload target elsewhere. */
  private authHeader(url: URL): Record<string, string> {
    return this.authorization && url.host === this.base.host ? { authorization: this.authorization } : {};
  }

  private async authenticate(header: string | undefined, scope: string, operation: string): Promise<void> {
    const challenge = header ? parseChallenge(header) : undefined;
    const creds = this.options.credentials;
    if (creds && this.base.protocol === 'http:' && !isLoopbackHost(this.base.host)) {
      throw new RegistryError(
        401,
        operation,
        [],
        `refusing to send credentials over plain HTTP to ${this.base.host}: only this machine's own registries get them without TLS`,
      );
    }
    if (challenge?.scheme === 'basic') {
      if (!creds) throw new RegistryError(401, operation, [], 'the registry asks for a user name and password and none was given');
      this.authorization = basicAuthorization(creds);
      return;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) {
      throw new RegistryError(401, operation, [], `the registry sent an authentication challenge this client cannot answer: ${header ?? '(none)'}`);
    }
    const realm = new URL(challenge.params.realm);
    if (realm.protocol !== 'https:' && !(realm.protocol === 'http:' && isLoopbackHost(realm.host)) && creds) {
      throw new RegistryError(401, operation, [], `refusing to send credentials to token realm ${realm.origin} over plain HTTP`);
    }
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set('scope', scope);
    this.options.log?.(`token from ${realm.origin}${realm.pathname} for ${scope}`);
    const res = await this.withRetries(
      realm,
      (): { method: 'GET'; headers: Record<string, string> } => ({ method: 'GET', headers: creds ? { authorization: basicAuthorization(creds) } : {} }),
      `${operation}: token request`,
      this.retry.maxRetries,
    );
    const text = (await readLimited(res.body, ERROR_BODY_LIMIT)).toString('utf8');
    if (res.statusCode !== 200) {
      throw new RegistryError(res.statusCode, `${operation}: token request`, parseErrorBody(text), hintFor(res.statusCode === 400 ? 401 : res.statusCode));
    }
    let token: string | undefined;
    try {
      token = tokenFromResponse(JSON.parse(text));
    } catch {
      token = undefined;
    }
    if (!token) throw new RegistryError(res.statusCode, `${operation}: token request`, [], 'the token endpoint answered without a token');
    this.options.onSecret?.(token);
    this.authorization = `Bearer ${token}`;
  }

  /** Capped exponential backoff with ±10 % jitter; Retry-After (seconds or HTTP date) wins, up to its own cap. Returns the ms waited. */
  async wait(attempt: number, retryAfter: string | undefined, why: string): Promise<number> {
    let ms = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt) * (0.9 + Math.random() * 0.2);
    const after = parseRetryAfter(retryAfter);
    if (after !== undefined) ms = Math.min(after, this.retry.maxRetryAfterMs);
    this.options.log?.(`${why}; retry ${attempt + 1}/${this.retry.maxRetries} in ${Math.round(ms)} ms`);
    await sleep(ms);
    return ms;
  }

  get maxRetries(): number {
    return this.retry.maxRetries;
  }
}

export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function hintFor(status: number): string | undefined {
  if (status === 401) return 'the registry refused the credentials: check the user name and password or token';
  if (status === 403) return 'the credentials may not push to this repository';
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

/** A failure worth another try: a broken or refused connection, a timeout, or 408/429/5xx. */
export function isTransient(err: unknown): boolean {
  if (err instanceof NetworkError) return RETRYABLE_CODES.has(err.code);
  return err instanceof RegistryError && RETRYABLE_STATUS.has(err.status);
}

function headerOf(res: Dispatcher.ResponseData, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
