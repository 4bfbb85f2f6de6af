// Which proxy a request goes through, from the environment as curl and Go read it: `https_proxy` /
// `HTTPS_PROXY` for https:// URLs, `http_proxy` / `HTTP_PROXY` for http:// ones (lower case first), and
// `no_proxy` / `NO_PROXY`: comma- or space-separated entries, each `*` (nothing is proxied), a host name that
// also covers its subdomains (`example.com`, `.example.com`, `*.example.com`), an IP address or IPv4 CIDR
// block, each optionally with `:port`. Loopback is never proxied (Go's rule: a proxy cannot reach the
// runner's own loopback).
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
      const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry);
      if (!m) return false;
      if (m[2] !== undefined && m[2] !== port) return false;
      const pattern = m[1]!.replace(/^\[|\]$/g, '');
      if (pattern.includes('/')) return inCidr(host, pattern);
      const domain = pattern.replace(/^\*?\./, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const toNumber = (ip: string) => {
    const parts = ip.split('.').map(Number);
    return parts.length === 4 && parts.every((p) => Number.isInteger(p) && p >= 0 && p <= 255) ? parts.reduce((n, p) => n * 256 + p, 0) : undefined;
  };
  const [address, network, size] = [toNumber(host), toNumber(base ?? ''), Number(bits)];
  if (address === undefined || network === undefined || !Number.isInteger(size) || size < 0 || size > 32) return false;
  const block = 2 ** (32 - size);
  return Math.floor(address / block) === Math.floor(network / block);
}
