import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseChallenge, tokenFromResponse } from '../../src/oci/auth.js';
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
