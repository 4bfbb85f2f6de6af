// The two parts of undici the registry client uses: the connection-pooling Agent and the promise `request`.
// Imported from their own modules rather than from undici's index, which also loads fetch, WebSocket, the
// HTTP cache, the mocks and the proxy agents: measured here, 40-60 ms off every run's start (bench/).
// undici has no `exports` map; these two paths have held since undici 5, and every registry test runs them.
import type { Dispatcher } from 'undici';
import AgentModule from 'undici/lib/dispatcher/agent.js';
import requestModule from 'undici/lib/api/api-request.js';

export const Agent = AgentModule;
export type Agent = InstanceType<typeof AgentModule>;

/**
 * undici's ProxyAgent (CONNECT tunnels), loaded only when a request goes through a proxy. From the index: it
 * tunnels with `Dispatcher.prototype.connect`, which only the index attaches.
 */
export async function proxyAgent(options: import('undici').ProxyAgent.Options): Promise<Dispatcher> {
  const { ProxyAgent, Pool } = await import('undici');
  // A proxy that closes the connection on CONNECT fails the tunnel with UND_ERR_SOCKET, which undici's client
  // takes for a recoverable socket error: it keeps the request queued and connects again at once, for ever
  // (measured: ~8,000 CONNECTs a second). Renamed, the error fails the request, and the retry policy decides.
  const tunnelPool = (origin: URL, opts: object): Dispatcher => {
    const pool = new Pool(origin, opts);
    const connect = pool.connect.bind(pool) as (o: Dispatcher.ConnectOptions, cb?: unknown) => Promise<Dispatcher.ConnectData> | void;
    // ProxyAgent calls the promise form; the callback form is passed through as it is.
    pool.connect = ((o: Dispatcher.ConnectOptions, cb?: unknown) =>
      cb
        ? connect(o, cb)
        : (connect(o) as Promise<Dispatcher.ConnectData>).catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'UND_ERR_SOCKET') throw err;
            throw Object.assign(new Error('the proxy closed the connection instead of opening a tunnel', { cause: err }), { code: PROXY_TUNNEL_CLOSED });
          })) as typeof pool.connect;
    return pool;
  };
  return new ProxyAgent({ ...options, clientFactory: tunnelPool });
}

/** The code of a tunnel the proxy would not open (its connection closed on CONNECT). */
export const PROXY_TUNNEL_CLOSED = 'PROXY_TUNNEL_CLOSED';

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher };

/** undici's `request(url, { dispatcher, ... })`: the URL split into origin and path, as its index does. */
export function request(url: URL, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  return requestModule.call(dispatcher, { ...rest, origin: url.origin, path: `${url.pathname}${url.search}` });
}
