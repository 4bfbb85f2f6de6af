// Which proxy a request goes through, from the environment as curl and Go read it: `https_proxy` /
// `HTTPS_PROXY` for https:// URLs, `http_proxy` / `HTTP_PROXY` for http:// ones (lower case first), and
// `no_proxy` / `NO_PROXY`: comma- or space-separated entries, each `*` (nothing is proxied), a host name that
// also covers its subdomains (`example.com`, `.example.com`, `*.example.com`), an IP address or CIDR block
// (IPv4 or IPv6, bare or bracketed), each optionally with `:port`. Loopback is never proxied (Go's rule: a
// proxy cannot reach the runner's own loopback).
import { BlockList, isIP } from 'node:net';
import { isLoopbackHost } from './reference.js';

export type ProxyEnv = Record<string, string | undefined>;

export function proxyFor(url: URL, env: ProxyEnv): URL | undefined {
  const setting = url.protocol === 'https:' ? (env.https_proxy ?? env.HTTPS_PROXY) : (env.http_proxy ?? env.HTTP_PROXY);
  if (!setting?.trim() || isLoopbackHost(url.host) || bypassed(url, env.no_proxy ?? env.NO_PROXY ?? '')) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(setting.trim()) ? setting.trim() : `http://${setting.trim()}`);
  } catch {
    return undefined; // not a URL: ignored, as curl and Go ignore it
  }
}

function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((raw) => {
      const entry = raw.toLowerCase();
      if (entry === '*') return true;
      // A bare IPv6 address or block (`fd00::1`, `fd00::/16`) has no port; a bracketed one may.
      const m = isIP(entry.split('/')[0]!) === 6 ? [entry, entry, undefined] : /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
      if (!m) return false;
      if (m[2] !== undefined && m[2] !== port) return false;
      const pattern = m[1]!.replace(/^\[|\]$/g, '');
      if (pattern.includes('/')) return inCidr(host, pattern);
      const domain = pattern.replace(/^\*?\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}

/** An IPv4 or IPv6 address inside a CIDR block (curl takes both since 7.86). */
function inCidr(host: string, cidr: string): boolean {
  const [base = '', bits] = cidr.split('/');
  const family = isIP(base);
  const size = Number(bits);
  if (family === 0 || isIP(host) !== family || !Number.isInteger(size) || size < 0 || size > (family === 4 ? 32 : 128)) return false;
  const block = new BlockList();
  block.addSubnet(base, size, family === 4 ? 'ipv4' : 'ipv6');
  return block.check(host, family === 4 ? 'ipv4' : 'ipv6');
}
