// Which proxy a request takes, from the environment, as curl and Go read it.
import { describe, expect, it } from 'vitest';
import { proxyFor } from '../../src/oci/proxy.js';

const via = (url: string, env: Record<string, string>) => proxyFor(new URL(url), env)?.href;

describe('proxyFor', () => {
  it.each([
    ['https to https_proxy', 'https://ghcr.io/v2/', { https_proxy: 'http://proxy:3128' }, 'http://proxy:3128/'],
    ['upper case too', 'https://ghcr.io/v2/', { HTTPS_PROXY: 'http://proxy:3128' }, 'http://proxy:3128/'],
    ['lower case wins', 'https://ghcr.io/v2/', { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' }, 'http://lower:1/'],
    ['http to http_proxy, not https_proxy', 'http://registry.lan:5000/v2/', { https_proxy: 'http://a:1', http_proxy: 'http://b:2' }, 'http://b:2/'],
    ['no scheme means http', 'https://ghcr.io/v2/', { HTTPS_PROXY: 'proxy.corp:8080' }, 'http://proxy.corp:8080/'],
    ['credentials kept for the proxy', 'https://ghcr.io/', { HTTPS_PROXY: 'http://u:p%40ss@proxy:3128' }, 'http://u:p%40ss@proxy:3128/'],
    ['no_proxy for another host', 'https://ghcr.io/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, 'http://p:1/'],
    ['no_proxy for another port', 'https://registry.lan:5000/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'registry.lan:6000' }, 'http://p:1/'],
    ['a suffix does not match a longer name', 'https://notexample.com/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'example.com' }, 'http://p:1/'],
    ['outside the CIDR block', 'https://10.1.0.1/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/16' }, 'http://p:1/'],
    ['outside an IPv6 CIDR block', 'https://[fd01::1]/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'fd00::/16' }, 'http://p:1/'],
    ['a host name against a CIDR block', 'https://ghcr.io/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/8' }, 'http://p:1/'],
  ])('%s', (_, url, env, expected) => {
    expect(via(url, env)).toBe(expected);
  });

  it.each([
    ['no proxy set', 'https://ghcr.io/', {}],
    ['an empty setting', 'https://ghcr.io/', { HTTPS_PROXY: ' ' }],
    ['https_proxy does not serve http://', 'http://registry.lan/', { HTTPS_PROXY: 'http://p:1' }],
    ['loopback, always', 'http://127.0.0.1:5000/', { HTTP_PROXY: 'http://p:1' }],
    ['localhost, always', 'https://localhost:5000/', { HTTPS_PROXY: 'http://p:1' }],
    ['*', 'https://ghcr.io/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '*' }],
    ['the host itself', 'https://ghcr.io/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'ghcr.io' }],
    ['a subdomain', 'https://pkg.ghcr.io/', { HTTPS_PROXY: 'http://p:1', no_proxy: 'ghcr.io' }],
    ['a leading dot', 'https://a.corp.example/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.corp.example' }],
    ['a leading *.', 'https://a.corp.example/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'x.org, *.corp.example' }],
    ['case-insensitive, space-separated', 'https://GHCR.io/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'x.org Ghcr.IO' }],
    ['the port given', 'https://registry.lan:5000/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'registry.lan:5000' }],
    ['the default port', 'https://registry.lan/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'registry.lan:443' }],
    ['an IPv4 CIDR block', 'https://10.0.3.4:5000/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '10.0.0.0/16' }],
    ['an IPv6 address', 'https://[fd00::1]:5000/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: '[fd00::1]' }],
    ['a bare IPv6 address', 'https://[fd00::1]/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'fd00::1' }],
    ['an IPv6 CIDR block', 'https://[fd00::abcd]/', { HTTPS_PROXY: 'http://p:1', NO_PROXY: 'fd00::/16' }],
    ['a proxy setting that is not a URL', 'https://ghcr.io/', { HTTPS_PROXY: 'http://[broken' }],
  ])('none: %s', (_, url, env) => {
    expect(via(url, env)).toBeUndefined();
  });
});
