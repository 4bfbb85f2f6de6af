import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Authenticator, parseChallenge, tokenFromResponse, tokenRequest } from '../../src/oci/auth.js';
import { isInternalHost } from '../../src/oci/reference.js';
import { credentialsFromDockerConfig, runCredentialHelper } from '../../src/oci/docker-config.js';

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
        'acr.example.io': { auth: Buffer.from('00000000-0000-0000-0000-000000000000:').toString('base64'), identitytoken: 'refresh-me' },
        'tokens.example.io': { registrytoken: 'bearer-me' },
      },
    }),
  );
  const env = { DOCKER_CONFIG: dir };
  it('matches by bare host, whatever scheme the key has', async () => {
    expect(await credentialsFromDockerConfig('ghcr.io', env)).toEqual({ username: 'octocat', password: 'ghp_pass:with:colons' });
    expect(await credentialsFromDockerConfig('127.0.0.1:5000', env)).toEqual({ username: 'u', password: 'p' });
    expect(await credentialsFromDockerConfig('registry-1.docker.io', env)).toEqual({ username: 'hub', password: 'pw' });
  });
  it('an identitytoken is a refresh token; a registrytoken a Bearer token as it is', async () => {
    expect(await credentialsFromDockerConfig('acr.example.io', env)).toEqual({ identityToken: 'refresh-me' });
    expect(await credentialsFromDockerConfig('tokens.example.io', env)).toEqual({ registryToken: 'bearer-me' });
  });
  it('returns nothing for other hosts or without a config', async () => {
    expect(await credentialsFromDockerConfig('quay.io', env)).toBeUndefined();
    expect(await credentialsFromDockerConfig('ghcr.io', { DOCKER_CONFIG: join(dir, 'none') })).toBeUndefined();
  });
  it('DOCKER_AUTH_CONFIG comes first', async () => {
    const auth = JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('from-env:secret').toString('base64') } } });
    expect(await credentialsFromDockerConfig('ghcr.io', { ...env, DOCKER_AUTH_CONFIG: auth })).toEqual({ username: 'from-env', password: 'secret' });
  });
});

describe('credential helpers', () => {
  // A real helper program on PATH speaking the protocol: `get`, the server URL on stdin, JSON on stdout.
  const bin = mkdtempSync(join(tmpdir(), 'cred-helper-'));
  writeFileSync(
    join(bin, 'docker-credential-acme'),
    `#!/bin/sh
[ "$1" = get ] || exit 2
read -r server
case "$server" in
  ghcr.io) printf '{"ServerURL":"ghcr.io","Username":"helper-user","Secret":"helper-secret"}' ;;
  acr.example.io) printf '{"ServerURL":"acr.example.io","Username":"<token>","Secret":"helper-refresh"}' ;;
  https://index.docker.io/v1/) printf '{"ServerURL":"%s","Username":"hubber","Secret":"hub-secret"}' "$server" ;;
  broken.example.io) echo 'error getting credentials - err: exit status 1, out: keychain locked'; exit 1 ;;
  *) echo 'credentials not found in native keychain'; exit 1 ;;
esac
`,
    { mode: 0o755 },
  );
  // Helpers that misbehave: one that hangs, one that records what it was given, one that leaks its secret on
  // stderr and prints its answer yet fails, one that never stops printing.
  const envFile = join(bin, 'env.txt');
  const script = (name: string, body: string) => writeFileSync(join(bin, `docker-credential-${name}`), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  script('slow', 'exec sleep 30');
  script('envdump', `env > '${envFile}'\nprintf '{"Username":"u","Secret":"env-secret"}'`);
  script('leaky', `echo 'debug: token=stderr-secret-123' >&2\nprintf '{"Username":"u","Secret":"stdout-secret-456"}'\nexit 1`);
  script('chatty', 'exec yes');
  const config = mkdtempSync(join(tmpdir(), 'docker-config-helpers-'));
  writeFileSync(
    join(config, 'config.json'),
    JSON.stringify({
      credsStore: 'acme',
      credHelpers: {
        'quay.io': 'missing',
        'slow.example.io': 'slow',
        'env.example.io': 'envdump',
        'leaky.example.io': 'leaky',
        'chatty.example.io': 'chatty',
      },
      auths: { 'fallback.example.io': { auth: Buffer.from('inline:pw').toString('base64') } },
    }),
  );
  const env = { DOCKER_CONFIG: config, PATH: `${bin}:${process.env.PATH ?? ''}` };
  const withPath = async <T>(fn: () => Promise<T>): Promise<T> => {
    const saved = process.env.PATH;
    process.env.PATH = env.PATH; // spawn looks helpers up on this process's PATH, as docker does
    try {
      return await fn();
    } finally {
      process.env.PATH = saved;
    }
  };

  it('credsStore answers for every registry: a user and secret, an identity token (<token>), Docker Hub by its URL', async () => {
    await withPath(async () => {
      expect(await credentialsFromDockerConfig('ghcr.io', env)).toEqual({ username: 'helper-user', password: 'helper-secret' });
      expect(await credentialsFromDockerConfig('acr.example.io', env)).toEqual({ identityToken: 'helper-refresh' });
      expect(await credentialsFromDockerConfig('registry-1.docker.io', env)).toEqual({ username: 'hubber', password: 'hub-secret' });
    });
  });
  it('"not found" is none, and the inline auths still count; a failing helper is an error naming it; a missing one too', async () => {
    await withPath(async () => {
      expect(await credentialsFromDockerConfig('fallback.example.io', env)).toEqual({ username: 'inline', password: 'pw' });
      expect(await credentialsFromDockerConfig('nothing.example.io', env)).toBeUndefined();
      await expect(credentialsFromDockerConfig('broken.example.io', env)).rejects.toThrow(
        /docker-credential-acme could not give credentials for broken\.example\.io: .*keychain locked/,
      );
      await expect(credentialsFromDockerConfig('quay.io', env)).rejects.toThrow(/credential helper "missing", but docker-credential-missing is not on PATH/);
    });
  });
  it('a helper that does not answer is stopped at the timeout, with an error naming it', async () => {
    const started = Date.now();
    await expect(credentialsFromDockerConfig('slow.example.io', env, (n, u, e) => runCredentialHelper(n, u, e, 300))).rejects.toThrow(
      /docker-credential-slow did not answer within 0\.3 s/,
    );
    expect(Date.now() - started).toBeLessThan(10_000); // killed, not waited for (sleep 30)
  });
  it("a helper runs with only the variables it needs: not the runner's tokens nor the action's inputs", async () => {
    const runnerEnv = {
      ...env,
      HOME: '/home/runner',
      AWS_REGION: 'eu-west-1',
      GITHUB_TOKEN: 'ghs_runner-token',
      ACTIONS_RUNTIME_TOKEN: 'runtime-token',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'oidc-request-token',
      INPUT_PASSWORD: 'input-password',
    };
    expect(await credentialsFromDockerConfig('env.example.io', runnerEnv)).toEqual({ username: 'u', password: 'env-secret' });
    const seen = readFileSync(envFile, 'utf8');
    expect(seen).toMatch(/^AWS_REGION=eu-west-1$/m);
    expect(seen).toMatch(/^HOME=\/home\/runner$/m);
    expect(seen).toMatch(/^PATH=/m);
    for (const secret of ['ghs_runner-token', 'runtime-token', 'oidc-request-token', 'input-password']) expect(seen).not.toContain(secret);
  });
  it('a failing helper: neither its stderr nor an answer it printed reaches the error', async () => {
    const error = await credentialsFromDockerConfig('leaky.example.io', env).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(error).toMatch(/docker-credential-leaky could not give credentials for leaky\.example\.io: exit code 1/);
    expect(error).not.toMatch(/stderr-secret|stdout-secret/);
  });
  it('a helper that prints without end is stopped', async () => {
    await expect(credentialsFromDockerConfig('chatty.example.io', env)).rejects.toThrow(/docker-credential-chatty printed more than 64 KiB/);
  });
  it('refuses a helper name that is a path', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'docker-config-bad-'));
    writeFileSync(join(bad, 'config.json'), JSON.stringify({ credsStore: '../../bin/sh' }));
    await expect(credentialsFromDockerConfig('ghcr.io', { DOCKER_CONFIG: bad })).rejects.toThrow(/not a helper name/);
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

describe('tokenRequest', () => {
  const realm = new URL('https://auth.example.io/token');
  const scope = 'repository:acme/app:pull,push';
  it('a user and password: the GET of the token spec, with Basic', () => {
    const r = tokenRequest(realm, 'registry.example.io', scope, { username: 'u', password: 'p' });
    expect(r).toMatchObject({ method: 'GET', headers: { authorization: 'Basic dTpw' } });
    expect(r.url.href).toBe('https://auth.example.io/token?service=registry.example.io&scope=repository%3Aacme%2Fapp%3Apull%2Cpush');
  });
  it('an identity token: the OAuth2 refresh-token grant, a form POST, nothing in the URL', () => {
    const r = tokenRequest(realm, 'registry.example.io', scope, { identityToken: 'refresh-me' }, 'wasm-oci-publish');
    expect(r).toMatchObject({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(r.url.href).toBe('https://auth.example.io/token');
    expect(Object.fromEntries(new URLSearchParams(r.body))).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh-me',
      client_id: 'wasm-oci-publish',
      scope,
      service: 'registry.example.io',
    });
  });
  it('no credentials: an anonymous GET', () => {
    expect(tokenRequest(realm, undefined, scope, undefined)).toMatchObject({ method: 'GET', headers: {} });
  });
  it('a registry token goes with every request to the registry, and nowhere else', () => {
    const auth = new Authenticator({ registry: new URL('https://registry.example.io'), credentials: { registryToken: 'bearer-me' } }, () =>
      Promise.reject(new Error('no token request for a registry token')),
    );
    expect(auth.headerFor(new URL('https://registry.example.io/v2/'), scope)).toEqual({ authorization: 'Bearer bearer-me' });
    expect(auth.headerFor(new URL('https://storage.example.io/blob'), scope)).toEqual({});
  });
});
