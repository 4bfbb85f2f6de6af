// Whether a registry asked this client for credentials: what decides if the anonymous-pull check must run.
import { afterEach, describe, expect, it } from 'vitest';
import { RepositoryClient } from '../../src/oci/repository.js';
import { parseRepository } from '../../src/oci/reference.js';
import { answer, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
let server: ScriptedServer | undefined;
afterEach(async () => server?.stop());

function client(credentials?: ConstructorParameters<typeof RepositoryClient>[1]['credentials']) {
  return new RepositoryClient(parseRepository(`${server!.host}/acme/app`), { plainHttp: true, credentials });
}

describe('requiresAuthentication', () => {
  it('an open registry: never asked, so false', async () => {
    server = await startScriptedServer((_, res) => answer(res, 200, { 'docker-content-digest': DIGEST }));
    const c = client();
    await c.manifestDigest('v1');
    expect(c.requiresAuthentication).toBe(false);
    await c.close();
  });

  it('a registry that challenged the client: true', async () => {
    server = await startScriptedServer((req, res) =>
      req.headers.authorization ? answer(res, 200, { 'docker-content-digest': DIGEST }) : answer(res, 401, { 'www-authenticate': 'Basic realm="r"' }),
    );
    const c = client({ username: 'u', password: 'secret-password' });
    await c.manifestDigest('v1');
    expect(c.requiresAuthentication).toBe(true);
    await c.close();
  });

  it('a registry token goes with every request unasked: true before any request', async () => {
    server = await startScriptedServer((_, res) => answer(res, 200));
    const c = client({ registryToken: 'token-0123456789' });
    expect(c.requiresAuthentication).toBe(true);
    await c.close();
  });
});
