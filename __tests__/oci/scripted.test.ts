// Request sequences the real registry cannot be made to produce, against a stand-in on loopback that answers
// as the test scripts it: a referrers index changed by another writer between read and write (412 on
// If-Match), and a chunked upload the registry falls out of step with (416) or whose connection breaks.
import { afterEach, describe, expect, it } from 'vitest';
import { RepositoryClient } from '../../src/oci/repository.js';
import { attachReferrer, type Referrer } from '../../src/oci/referrers.js';
import { RetryPolicy } from '../../src/oci/policy.js';
import { RegistryError } from '../../src/oci/errors.js';
import { EMPTY_CONFIG, fallbackTag, OCI_INDEX, OCI_MANIFEST, sha256Digest, type Descriptor } from '../../src/oci/spec.js';
import { answer, startScriptedServer, type Exchange, type Script, type ScriptedServer } from '../helpers/scripted-server.js';

const quickRetry = new RetryPolicy({ maxRetries: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 10, maxTotalWaitMs: 1000 });
const subject: Descriptor = { mediaType: OCI_MANIFEST, digest: sha256Digest(Buffer.from('the subject')), size: 11 };
const ourBytes = Buffer.from('{"an":"sbom"}');
const ours: Referrer = {
  artifactType: 'application/vnd.example.ours',
  config: EMPTY_CONFIG,
  layers: [{ descriptor: { mediaType: 'application/vnd.example.ours', digest: sha256Digest(ourBytes), size: ourBytes.length }, source: { bytes: ourBytes } }],
};
const theirs: Descriptor = {
  mediaType: OCI_MANIFEST,
  digest: sha256Digest(Buffer.from('their referrer')),
  size: 14,
  artifactType: 'application/vnd.example.theirs',
};
const tagPath = `/v2/acme/app/manifests/${fallbackTag(subject.digest)}`;
const index = (manifests: Descriptor[]) => ({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });

let server: ScriptedServer | undefined;
let client: RepositoryClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.stop();
});

async function open(script: Script, upload?: ConstructorParameters<typeof RepositoryClient>[2]): Promise<RepositoryClient> {
  server = await startScriptedServer(script);
  client = new RepositoryClient({ registry: server.host, name: 'acme/app' }, { plainHttp: true, retry: quickRetry }, upload);
  return client;
}

/** A registry without the referrers API whose blobs are all there already; `tag` answers the fallback tag. */
function referrersScript(tag: (req: Exchange, res: Parameters<Script>[1]) => void): Script {
  return (req, res) => {
    if (req.method === 'HEAD' && req.url.includes('/blobs/')) return answer(res, 200);
    if (req.method === 'PUT' && req.url.startsWith('/v2/acme/app/manifests/sha256:'))
      return answer(res, 201, { 'docker-content-digest': sha256Digest(req.body) });
    if (req.method === 'GET' && req.url.includes('/referrers/')) return answer(res, 404);
    if (req.url === tagPath) return tag(req, res);
    answer(res, 500, {}, { errors: [{ code: 'UNSCRIPTED', message: `${req.method} ${req.url}` }] });
  };
}

const tagWrites = () => server!.requests.filter((r) => r.method === 'PUT' && r.url === tagPath);

describe('the referrers fallback index, written while another writer changes it', () => {
  it('reads the index again after 412 on If-Match and keeps the other writer’s entry', async () => {
    let reads = 0;
    const c = await open(
      referrersScript((req, res) => {
        if (req.method === 'GET') {
          reads++;
          // First read: empty, version v1. By the second, another writer has added its referrer (v2).
          return answer(res, 200, { 'content-type': OCI_INDEX, etag: reads === 1 ? '"v1"' : '"v2"' }, index(reads === 1 ? [] : [theirs]));
        }
        if (req.headers['if-match'] === '"v2"') return answer(res, 201);
        answer(res, 412, {}, { errors: [{ code: 'PRECONDITION_FAILED', message: 'the index changed' }] });
      }),
    );
    const result = await attachReferrer(c, subject, ours);
    expect(result).toMatchObject({ via: 'fallback-tag', tag: fallbackTag(subject.digest), added: true });
    expect(tagWrites().map((r) => r.headers['if-match'])).toEqual(['"v1"', '"v2"']);
    const written = JSON.parse(tagWrites()[1]!.body.toString('utf8'));
    expect(written.manifests.map((m: Descriptor) => m.digest)).toEqual([theirs.digest, result.digest]);
    expect(written.manifests[1]).toMatchObject({ mediaType: OCI_MANIFEST, artifactType: ours.artifactType });
    expect(server!.requests.filter((r) => r.url.includes('UNSCRIPTED'))).toEqual([]);
  });

  it('gives up with the 412 once the retry policy is spent, never writing without If-Match', async () => {
    const c = await open(
      referrersScript((req, res) =>
        req.method === 'GET'
          ? answer(res, 200, { 'content-type': OCI_INDEX, etag: `"v${server!.requests.length}"` }, index([]))
          : answer(res, 412, {}, { errors: [{ code: 'PRECONDITION_FAILED', message: 'the index changed' }] }),
      ),
    );
    const err: unknown = await attachReferrer(c, subject, ours).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).status).toBe(412);
    expect(tagWrites()).toHaveLength(quickRetry.settings.maxRetries + 1);
    expect(tagWrites().every((r) => typeof r.headers['if-match'] === 'string')).toBe(true);
  });
});

describe('a chunked upload the registry falls out of step with', () => {
  it('resumes from the Range the registry reports, after a 416 and after a broken PATCH', async () => {
    const blob = Buffer.from('0123456789AB');
    const digest = sha256Digest(blob);
    let stored = Buffer.alloc(0);
    let complete = false;
    let patches = 0;
    const range = () => ({ range: `0-${stored.length - 1}` });
    const c = await open(
      (req, res) => {
        const path = req.url.split('?')[0]!;
        if (req.method === 'HEAD' && path === `/v2/acme/app/blobs/${digest}`) return complete ? answer(res, 200, { 'content-length': '12' }) : answer(res, 404);
        if (req.method === 'POST' && path === '/v2/acme/app/blobs/uploads/') return answer(res, 202, { location: '/v2/acme/app/blobs/uploads/u1?state=0' });
        if (path !== '/v2/acme/app/blobs/uploads/u1') return answer(res, 500);
        if (req.method === 'GET') return answer(res, 204, range());
        if (req.method === 'PATCH') {
          patches++;
          const start = Number(String(req.headers['content-range']).split('-')[0]);
          if (start !== stored.length) return answer(res, 416, range());
          // The second PATCH: the registry keeps 2 of its 4 bytes, then loses track and answers 416.
          if (patches === 2) {
            stored = Buffer.concat([stored, req.body.subarray(0, 2)]);
            return answer(res, 416, range());
          }
          // The fourth: the connection breaks before any answer, nothing stored.
          if (patches === 4) return res.socket?.destroy();
          stored = Buffer.concat([stored, req.body]);
          return answer(res, 202, { location: `/v2/acme/app/blobs/uploads/u1?state=${patches}`, ...range() });
        }
        if (req.method === 'PUT' && new URL(req.url, 'http://x').searchParams.get('digest') === sha256Digest(stored)) {
          complete = true;
          return answer(res, 201, { 'docker-content-digest': digest });
        }
        answer(res, 400, {}, { errors: [{ code: 'DIGEST_INVALID', message: 'the bytes do not match' }] });
      },
      { chunkThreshold: 8, chunkSize: 4 },
    );
    expect(await c.pushBlob({ mediaType: 'application/wasm', digest, size: blob.length }, { bytes: blob })).toBe(true);
    expect(stored.equals(blob)).toBe(true);
    const sent = server!.requests.filter((r) => r.method === 'PATCH');
    expect(sent.map((r) => r.headers['content-range'])).toEqual(['0-3', '4-7', '6-9', '10-11', '10-11']);
    expect(sent.map((r) => r.body.toString())).toEqual(['0123', '4567', '6789', 'AB', 'AB']);
    // Asked where the upload stands after each failure, at the latest Location it was given.
    expect(server!.requests.filter((r) => r.method === 'GET').map((r) => r.url)).toEqual([
      '/v2/acme/app/blobs/uploads/u1?state=1',
      '/v2/acme/app/blobs/uploads/u1?state=3',
    ]);
  });
});

describe('connections', () => {
  it('stay open across blob pushes, HEAD requests included (undici closes after a HEAD unless told not to)', async () => {
    const stored = new Map<string, number>(); // digest → size
    const c = await open((req, res) => {
      const path = req.url.split('?')[0]!;
      const digest = path.split('/').pop()!;
      if (req.method === 'HEAD') return stored.has(digest) ? answer(res, 200, { 'content-length': String(stored.get(digest)) }) : answer(res, 404);
      if (req.method === 'POST') return answer(res, 202, { location: '/v2/acme/app/blobs/uploads/u' });
      if (req.method === 'PUT') {
        stored.set(new URL(req.url, 'http://x').searchParams.get('digest')!, req.body.length);
        return answer(res, 201);
      }
      answer(res, 500);
    });
    for (const text of ['one', 'two', 'three']) {
      const bytes = Buffer.from(text);
      await c.pushBlob({ mediaType: 'application/octet-stream', digest: sha256Digest(bytes), size: bytes.length }, { bytes });
    }
    expect(server!.requests).toHaveLength(12); // HEAD, POST, PUT, HEAD per blob
    expect(server!.connections()).toBeLessThanOrEqual(3); // 12 without it: one per request
  });
});

describe('a cross-repository mount', () => {
  it('201: mounted, nothing uploaded; 202: the session the registry opened instead takes the upload', async () => {
    const blob = Buffer.from('a layer already in acme/one');
    const digest = sha256Digest(blob);
    let mountAnswer = 201;
    const stored = new Map<string, number>();
    const c = await open((req, res) => {
      const path = req.url.split('?')[0]!;
      const query = new URL(req.url, 'http://x').searchParams;
      if (req.method === 'HEAD') return stored.has(path) ? answer(res, 200, { 'content-length': String(stored.get(path)) }) : answer(res, 404);
      if (req.method === 'POST' && query.get('mount') === digest && query.get('from') === 'acme/one') {
        if (mountAnswer === 201) {
          stored.set(`/v2/acme/app/blobs/${digest}`, blob.length);
          return answer(res, 201, { location: `/v2/acme/app/blobs/${digest}` });
        }
        return answer(res, 202, { location: '/v2/acme/app/blobs/uploads/session-from-mount?s=1' });
      }
      if (req.method === 'PUT' && path === '/v2/acme/app/blobs/uploads/session-from-mount' && query.get('digest') === digest && query.get('s') === '1') {
        stored.set(`/v2/acme/app/blobs/${digest}`, req.body.length);
        return answer(res, 201);
      }
      answer(res, 500, {}, { errors: [{ code: 'UNSCRIPTED', message: `${req.method} ${req.url}` }] });
    });
    const desc = { mediaType: 'application/wasm', digest, size: blob.length };
    expect(await c.pushBlob(desc, { bytes: blob }, 'acme/one')).toBe(true);
    expect(server!.requests.filter((r) => r.method === 'PUT')).toEqual([]);

    stored.clear();
    mountAnswer = 202;
    expect(await c.pushBlob(desc, { bytes: blob }, 'acme/one')).toBe(true);
    const puts = server!.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.body.equals(blob)).toBe(true);
    expect(server!.requests.filter((r) => r.method === 'POST')).toHaveLength(2); // no second session opened
  });
});

describe('a manifest read back is the one asked for', () => {
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, layers: [] }));
  const other = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, layers: [{ evil: true }] }));

  it('by digest: other bytes are refused, whatever digest the registry claims for them', async () => {
    const c = await open((req, res) =>
      answer(res, 200, { 'content-type': OCI_MANIFEST, 'docker-content-digest': sha256Digest(manifest) }, JSON.parse(other.toString())),
    );
    await expect(c.getManifest(sha256Digest(manifest))).rejects.toThrow(/the registry sent bytes whose digest is sha256:[0-9a-f]{64}, not sha256:/);
  });

  it('by tag: bytes that are not what Docker-Content-Digest names are refused; without the header they are taken', async () => {
    let claim: string | undefined = sha256Digest(manifest);
    const c = await open((req, res) =>
      answer(res, 200, { 'content-type': OCI_MANIFEST, ...(claim ? { 'docker-content-digest': claim } : {}) }, JSON.parse(other.toString())),
    );
    await expect(c.getManifest('1.2.0')).rejects.toThrow(/not sha256:/);
    claim = undefined;
    expect((await c.getManifest('1.2.0'))?.bytes.toString()).toBe(other.toString());
    claim = sha256Digest(Buffer.from(JSON.stringify(JSON.parse(other.toString()))));
    expect(await c.getManifest('1.2.0')).toBeDefined();
  });
});

describe('a tag list', () => {
  it('whose later page answers 404 is refused, not taken as complete (a cleanup would judge versions by it)', async () => {
    const c = await open((req, res) => {
      if (req.url.startsWith('/v2/acme/app/tags/list?n=1000&last=')) return answer(res, 404);
      if (req.url.startsWith('/v2/acme/app/tags/list')) {
        return answer(res, 200, { link: '</v2/acme/app/tags/list?n=1000&last=pr-7>; rel="next"' }, { name: 'acme/app', tags: ['pr-7'] });
      }
      answer(res, 500);
    });
    await expect(c.listTags()).rejects.toThrow(/listing of tags failed: page 2 \(.*\) answered 404: the list would be incomplete/);
  });
  it('that is 404 from the first page is no tags', async () => {
    const c = await open((req, res) => answer(res, 404));
    expect(await c.listTags()).toEqual([]);
  });
});
