// An identity token (a refresh token from `docker login` or a credential helper's `<token>` user) is worth
// more than the access tokens it buys: it goes only in the body of the refresh-token POST to the token realm
// its own registry names, never in a URL, never to the registry itself, and never on to wherever a realm
// redirects. The registry, its realm and "another host" are stand-ins on loopback ports (another origin).
import { afterEach, describe, expect, it } from 'vitest';
import { RepositoryClient } from '../../src/oci/repository.js';
import { RetryPolicy } from '../../src/oci/policy.js';
import { answer, startScriptedServer, type Script, type ScriptedServer } from '../helpers/scripted-server.js';

const IDENTITY = 'refresh-token-of-acme-0123456789';
const ACCESS = 'access-token-for-one-scope';
const noRetry = new RetryPolicy({ maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, maxTotalWaitMs: 1 });

const servers: ScriptedServer[] = [];
let client: RepositoryClient | undefined;
afterEach(async () => {
  await client?.close();
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function start(script: Script): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  servers.push(server);
  return server;
}

/** A registry that wants a Bearer token from `realm`, and serves a 404 for any blob once it has one. */
async function registryWithRealm(realm: () => string): Promise<ScriptedServer> {
  return start((req, res) => {
    if (req.headers.authorization !== `Bearer ${ACCESS}`) {
      return answer(res, 401, { 'www-authenticate': `Bearer realm="${realm()}",service="registry.test",scope="repository:acme/app:pull"` });
    }
    answer(res, 404);
  });
}

const everything = (s: ScriptedServer) => s.requests.map((r) => `${r.url} ${JSON.stringify(r.headers)} ${r.body.toString('utf8')}`).join('\n');

describe('an identity token', () => {
  it('is exchanged only in the POST body at the realm its registry names, and never reaches the registry', async () => {
    const realm = await start((req, res) => answer(res, 200, {}, { access_token: ACCESS }));
    const registry = await registryWithRealm(() => `http://${realm.host}/token`);
    client = new RepositoryClient({ registry: registry.host, name: 'acme/app' }, { plainHttp: true, retry: noRetry, credentials: { identityToken: IDENTITY } });
    expect(await client.blobExists(`sha256:${'a'.repeat(64)}`)).toBe(false);
    expect(realm.requests).toHaveLength(1);
    expect(realm.requests[0]!.method).toBe('POST');
    expect(realm.requests[0]!.url).not.toContain(IDENTITY);
    expect(new URLSearchParams(realm.requests[0]!.body.toString('utf8')).get('refresh_token')).toBe(IDENTITY);
    expect(everything(registry)).not.toContain(IDENTITY);
  });

  it('is not sent on when the realm redirects its POST to another host', async () => {
    const elsewhere = await start((req, res) => answer(res, 200, {}, { access_token: ACCESS }));
    const realm = await start((req, res) => answer(res, 307, { location: `http://${elsewhere.host}/token` }));
    const registry = await registryWithRealm(() => `http://${realm.host}/token`);
    client = new RepositoryClient({ registry: registry.host, name: 'acme/app' }, { plainHttp: true, retry: noRetry, credentials: { identityToken: IDENTITY } });
    await expect(client.blobExists(`sha256:${'a'.repeat(64)}`)).rejects.toThrow(/token request failed.*307/s);
    expect(elsewhere.requests).toHaveLength(0);
    expect(everything(registry)).not.toContain(IDENTITY);
  });
});
