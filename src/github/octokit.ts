// GitHub's REST client for the attestations, the PR comment and the packages API, with one rule for where it
// points: GITHUB_API_URL (GHES, or a test server), else api.github.com. Every request it sends goes through
// `guardedFetch`, so an API answer cannot send the token elsewhere or fill memory (issue #25):
// - a request (a pagination `Link`, a redirect's Location) to any origin but the API's is refused before it
//   is sent: Octokit's paginate follows `Link: rel="next"` with the token, whatever host it names. undici
//   drops Authorization on a cross-origin redirect (Fetch spec, "HTTP-redirect fetch"), but would
//   still send the body and believe the other host's answer; so redirects are followed here, same origin only
//   (GitHub redirects a renamed repository's API paths with 301/307 on its own host);
// - a body is read up to MAX_BODY, then the connection is dropped: Octokit reads whole bodies into memory.
import { getOctokit } from '@actions/github';
import { defaults } from '@actions/github/lib/utils';
import type { ReadableStream } from 'node:stream/web';
import { Response, type RequestInit } from 'undici';

export type Octokit = ReturnType<typeof getOctokit>;

/**
 * Far above anything asked for here (a page of 100 package versions, or of 100 issue comments, whose bodies
 * GitHub limits to 65,536 characters); reading that much costs a few times it in memory (the test measures it).
 */
export const MAX_BODY = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT = new Set([301, 302, 303, 307, 308]);

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function octokit(token: string, apiUrl: string = process.env.GITHUB_API_URL ?? 'https://api.github.com'): Octokit {
  // `request` replaces @actions/github's defaults as a whole: its proxy-aware fetch (HTTPS_PROXY, NO_PROXY) is
  // kept inside the guard.
  const inner = (defaults.request?.fetch ?? globalThis.fetch) as Fetch;
  return getOctokit(token, { baseUrl: apiUrl, request: { fetch: guardedFetch(inner, new URL(apiUrl).origin) } });
}

/** `inner`, sending only to `origin`, following its redirects there (at most 5), and reading bodies up to MAX_BODY. */
export function guardedFetch(inner: Fetch, origin: string): Fetch {
  return async (url, init) => {
    let target = new URL(url);
    let req = { ...init, redirect: 'manual' as const };
    for (let hops = 0; ; hops++) {
      // The host only: a URL may carry anything, the token never.
      if (target.origin !== origin) throw new Error(`refused to send a GitHub API request to ${target.origin}: only ${origin} gets the token`);
      const res = await inner(target.href, req);
      const location = res.headers.get('location');
      if (!REDIRECT.has(res.status) || location === null) return readLimited(res, req.method ?? 'GET', target);
      await res.body?.cancel();
      if (hops >= MAX_REDIRECTS) throw new Error(`GitHub's API at ${origin} redirected more than ${MAX_REDIRECTS} times`);
      const next = new URL(location, target);
      if (next.origin !== origin) throw new Error(`GitHub's API at ${origin} redirected to ${next.origin}: not followed, the token stays with ${origin}`);
      req = redirected(req, res.status);
      target = next;
    }
  };
}

/** The next request of a redirect (Fetch spec, "HTTP-redirect fetch"): 303, and 301/302 after a POST, turn into a GET without body. */
function redirected(req: RequestInit & { redirect: 'manual' }, status: number): RequestInit & { redirect: 'manual' } {
  const method = (req.method ?? 'GET').toUpperCase();
  if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
    const headers = Object.fromEntries(
      Object.entries((req.headers ?? {}) as Record<string, string>).filter(([k]) => !/^content-(type|length|encoding|language|location)$/i.test(k)),
    );
    return { ...req, method: 'GET', body: undefined, headers };
  }
  // A body sent again must be one that can be: Octokit's are strings (JSON); a stream is read once.
  if (req.body !== undefined && req.body !== null && typeof req.body !== 'string')
    throw new Error(`GitHub's API redirected a request whose body cannot be sent again`);
  return req;
}

/** The answer with its body read, at most MAX_BODY bytes (after decompression, as undici decodes gzip). */
async function readLimited(res: Response, method: string, target: URL): Promise<Response> {
  const what = `GitHub's answer to ${method} ${target.pathname}`;
  const tooLarge = () => new Error(`${what} is larger than ${MAX_BODY / 1024 / 1024} MiB: not read`);
  if (Number(res.headers.get('content-length') ?? 0) > MAX_BODY) {
    await res.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  }
  // 204, 205 and 304 have no body (Response refuses one).
  const body = [204, 205, 304].includes(res.status) ? null : Buffer.concat(chunks);
  const read = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperty(read, 'url', { value: res.url });
  return read;
}
