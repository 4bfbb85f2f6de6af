import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator, parseChallenge, tokenFromResponse } from '../../src/oci/auth.js';
import { isInternalHost } from '../../src/oci/reference.js';
import { credentialsFromDockerConfig } from '../../src/oci/docker-config.js';

describe('parseChallenge', () => {
  it("reads GHCR's Bearer challenge, commas inside quotes included", () => {
    expect(parseChallenge('Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:acme/hello:pull,push"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:acme/hello:pull,push' },
    });
  });
  it('reads Basic with a realm', () => {
    expect(parseChallenge('Basic realm="basic-realm"')).toEqual({ scheme: 'basic', params: { realm: 'basic-realm' } });
  });
  it('takes unquoted values, spaces around =, escapes in quotes and odd casing', () => {
    expect(parseChallenge('bearer  Realm = "http://x/t\\"q" , service=svc,error=insufficient_scope')).toEqual({
      scheme: 'bearer',
      params: { realm: 'http://x/t"q', service: 'svc', error: 'insufficient_scope' },
    });
  });
  it('survives an unterminated quote', () => {
    expect(parseChallenge('Bearer realm="https://x/token')?.params.realm).toBe('https://x/token');
  });
  it('returns undefined for nothing', () => {
    expect(parseChallenge('')).toBeUndefined();
  });
});

describe('tokenFromResponse', () => {
  it('takes token or access_token', () => {
    expect(tokenFromResponse({ token: 'a' })).toBe('a');
    expect(tokenFromResponse({ access_token: 'b' })).toBe('b');
    expect(tokenFromResponse({ token: '' })).toBeUndefined();
    expect(tokenFromResponse('x')).toBeUndefined();
  });
});

describe('credentialsFromDockerConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'docker-config-'));
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      auths: {
        'https://ghcr.io': { auth: Buffer.from('octocat:ghp_pass:with:colons').toString('base64') },
        '127.0.0.1:5000': { username: 'u', password: 'p' },
        'https://index.docker.io/v1/': { auth: Buffer.from('hub:pw').toString('base64') },
      },
    }),
  );
  const env = { DOCKER_CONFIG: dir };
  it('matches by bare host, whatever scheme the key has', () => {
    expect(credentialsFromDockerConfig('ghcr.io', env)).toEqual({ username: 'octocat', password: 'ghp_pass:with:colons' });
    expect(credentialsFromDockerConfig('127.0.0.1:5000', env)).toEqual({ username: 'u', password: 'p' });
    expect(credentialsFromDockerConfig('registry-1.docker.io', env)).toEqual({ username: 'hub', password: 'pw' });
  });
  it('returns nothing for other hosts or without a config', () => {
    expect(credentialsFromDockerConfig('quay.io', env)).toBeUndefined();
    expect(credentialsFromDockerConfig('ghcr.io', { DOCKER_CONFIG: join(dir, 'none') })).toBeUndefined();
  });
});

describe('Authenticator: where credentials may go', () => {
  const basic = async (registry: string) => {
    const auth = new Authenticator({ registry: new URL(registry), credentials: { username: 'u', password: 'p' } }, () =>
      Promise.reject(new Error('no token request here')),
    );
    await auth.onChallenge('Basic realm="r"', 'repository:a/b:pull,push', 'test');
    return auth;
  };
  it("to the registry's own scheme, host and port only", async () => {
    const auth = await basic('https://registry.example:443');
    const scope = 'repository:a/b:pull,push';
    expect(auth.headerFor(new URL('https://registry.example/v2/a/b/blobs/x'), scope)).toEqual({ authorization: 'Basic dTpw' });
    expect(auth.headerFor(new URL('http://registry.example/v2/a/b/blobs/x'), scope)).toEqual({}); // same host, plain HTTP
    expect(auth.headerFor(new URL('http://registry.example:443/v2/'), scope)).toEqual({}); // same host and port, other scheme
    expect(auth.headerFor(new URL('https://registry.example:8443/v2/'), scope)).toEqual({}); // other port
    expect(auth.headerFor(new URL('https://storage.example/blob'), scope)).toEqual({}); // other host
  });
});

describe('isInternalHost', () => {
  it.each([
    '127.0.0.1',
    'localhost',
    'api.localhost',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '0.0.0.0',
    '[::1]',
    '[fd00::1]',
    '[fe80::1]',
    '[::ffff:10.0.0.1]',
    '[::]',
  ])('%s is internal', (host) => expect(isInternalHost(host)).toBe(true));
  it.each(['ghcr.io', '8.8.8.8', '172.32.0.1', '172.15.0.1', '192.169.0.1', '[2001:db8::1]', 'fdomain.example'])('%s is not', (host) =>
    expect(isInternalHost(host)).toBe(false),
  );
});
