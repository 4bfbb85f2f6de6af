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
  const { ProxyAgent } = await import('undici');
  return new ProxyAgent(options);
}

export type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { dispatcher: Dispatcher };

/** undici's `request(url, { dispatcher, ... })`: the URL split into origin and path, as its index does. */
export function request(url: URL, options: RequestOptions): Promise<Dispatcher.ResponseData> {
  const { dispatcher, ...rest } = options;
  return requestModule.call(dispatcher, { ...rest, origin: url.origin, path: `${url.pathname}${url.search}` });
}
