// What the client takes from a registry's answers: whether it asked for credentials (what decides if the
// anonymous-pull check must run), and whether a finished upload still needs a HEAD to check it landed.
import { createHash } from 'node:crypto';
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

describe('after an upload', () => {
  const BYTES = Buffer.from('{"a":1}');
  const DIGEST_OF = `sha256:${createHash('sha256').update(BYTES).digest('hex')}`;
  /** A registry that has nothing until the PUT, which it answers with or without the digest header. */
  async function uploads(namesDigest: boolean) {
    let stored = false;
    server = await startScriptedServer((req, res) => {
      if (req.method === 'HEAD') return answer(res, stored ? 200 : 404, stored ? { 'content-length': String(BYTES.length) } : {});
      if (req.method === 'POST') return answer(res, 202, { location: '/v2/acme/app/blobs/uploads/u1' });
      stored = true;
      answer(res, 201, namesDigest ? { 'docker-content-digest': DIGEST_OF } : {});
    });
    const c = client();
    await c.pushBlob({ mediaType: 'application/json', digest: DIGEST_OF, size: BYTES.length }, { bytes: BYTES });
    await c.close();
    return server.requests.map((r) => r.method);
  }

  it("the registry's 201 naming the digest is believed: no HEAD after it", async () => {
    expect(await uploads(true)).toEqual(['HEAD', 'POST', 'PUT']);
  });

  it('a 201 that names nothing is checked with a HEAD', async () => {
    expect(await uploads(false)).toEqual(['HEAD', 'POST', 'PUT', 'HEAD']);
  });
});
