// The registry client against the real registry: uploads (monolithic and chunked), existence checks,
// manifests, credentials kept to the registry's host, and memory while streaming a large blob.
import { beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { openSync, writeSync, closeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RepositoryClient } from '../../src/oci/repository.js';
import { sha256Digest, OCI_MANIFEST } from '../../src/oci/spec.js';
import { RetryPolicy } from '../../src/oci/policy.js';
import { pushManifest } from '../../src/oci/push.js';
import { digestFile } from '../helpers/file-digest.js';
import { RegistryError } from '../../src/oci/errors.js';
import { registryForSuite, TEST_CREDENTIALS } from '../helpers/registry.js';
import { startProxy } from '../helpers/proxy.js';
import { copyToLayout, rawManifest } from '../helpers/skopeo.js';
import { tmp } from '../helpers/components.js';

const EMPTY_CONFIG = { mediaType: 'application/vnd.oci.empty.v1+json', bytes: Buffer.from('{}') };
const noRetry = new RetryPolicy({ maxRetries: 0, baseDelayMs: 1, maxDelayMs: 1, maxRetryAfterMs: 1, maxTotalWaitMs: 1 });

function manifestFor(layer: { digest: string; size: number }) {
  const config = { mediaType: EMPTY_CONFIG.mediaType, digest: sha256Digest(EMPTY_CONFIG.bytes), size: 2 };
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: 'application/x-test',
      config,
      layers: [{ mediaType: 'application/octet-stream', ...layer }],
    }),
  );
  return { config, bytes, digest: sha256Digest(bytes) };
}

/** A file of `size` random bytes, written in 1 MiB pieces so the test itself holds little. */
function randomFile(size: number): string {
  const path = join(tmp('blob'), 'blob.bin');
  const fd = openSync(path, 'w');
  for (let written = 0; written < size; written += 1 << 20) writeSync(fd, randomBytes(Math.min(1 << 20, size - written)));
  closeSync(fd);
  return path;
}

describe('RepositoryClient against the real registry', () => {
  const registry = registryForSuite('htpasswd');

  const client = (name: string, upload?: { chunkThreshold: number; chunkSize: number }) =>
    new RepositoryClient({ registry: registry.host, name }, { plainHttp: false, credentials: TEST_CREDENTIALS }, upload);

  it('pushes blobs and a manifest, then finds the blobs present', async () => {
    const path = randomFile(300_000);
    const layer = await digestFile(path);
    const m = manifestFor(layer);
    const log: string[] = [];
    const c = new RepositoryClient(
      { registry: registry.host, name: 'client/basic' },
      { plainHttp: false, credentials: TEST_CREDENTIALS, log: (l) => log.push(l) },
    );
    const blobs = [
      { descriptor: { mediaType: 'application/octet-stream', ...layer }, source: { path } },
      { descriptor: m.config, source: { bytes: EMPTY_CONFIG.bytes } },
    ];
    const first = await pushManifest(c, { mediaType: OCI_MANIFEST, bytes: m.bytes, digest: m.digest, blobs }, ['one', 'two']);
    expect(first.uploaded.sort()).toEqual([layer.digest, m.config.digest].sort());
    const second = await pushManifest(c, { mediaType: OCI_MANIFEST, bytes: m.bytes, digest: m.digest, blobs }, ['one']);
    expect(second.uploaded).toEqual([]);
    expect(second.skipped.sort()).toEqual([layer.digest, m.config.digest].sort());
    expect(await rawManifest(`${registry.host}/client/basic:two`, registry)).toBe(m.bytes.toString());
    expect((await c.getManifest('one'))?.bytes.equals(m.bytes)).toBe(true);
    expect(await c.getManifest('missing')).toBeUndefined();
    await c.close();
    // Every request is told in the debug log, by path: an upload URL's query (session state, digest) is left out.
    const uploads = log.filter((l) => l.startsWith('PUT ') && l.includes('/blobs/uploads/'));
    expect(uploads).toHaveLength(2);
    for (const line of uploads) expect(line).toMatch(new RegExp(`^PUT ${registry.host}/v2/client/basic/blobs/uploads/[^?: ]+: 201 in \\d+ ms$`));
    expect(log.filter((l) => /^PUT \S+\/v2\/client\/basic\/manifests\/two: 201 in \d+ ms$/.test(l))).toHaveLength(1);
  });

  it('uploads in chunks with Content-Range and the bytes arrive intact', async () => {
    const path = randomFile(2_500_000 + 17);
    const layer = await digestFile(path);
    const proxy = await startProxy({ target: registry.host });
    const c = new RepositoryClient(
      { registry: proxy.host, name: 'client/chunked' },
      { plainHttp: false, credentials: TEST_CREDENTIALS },
      { chunkThreshold: 1_000_000, chunkSize: 1_000_000 },
    );
    const m = manifestFor(layer);
    await pushManifest(
      c,
      {
        mediaType: OCI_MANIFEST,
        bytes: m.bytes,
        digest: m.digest,
        blobs: [
          { descriptor: { mediaType: 'application/octet-stream', ...layer }, source: { path } },
          { descriptor: m.config, source: { bytes: EMPTY_CONFIG.bytes } },
        ],
      },
      ['v1'],
    );
    const patches = proxy.requests.filter((r) => r.method === 'PATCH' && r.headers.authorization);
    expect(patches.map((r) => r.headers['content-range'])).toEqual(['0-999999', '1000000-1999999', '2000000-2500016']);
    const layout = tmp('chunked-readback');
    await copyToLayout(`${registry.host}/client/chunked:v1`, layout, registry);
    const copied = readFileSync(join(layout, 'blobs', 'sha256', layer.digest.slice(7)));
    expect(createHash('sha256').update(copied).digest('hex')).toBe(layer.digest.slice(7));
    await c.close();
    await proxy.stop();
  });

  it('follows an absolute upload Location on another host without sending it the credentials', async () => {
    // "storage" stands for a blob store the registry hands uploads to; it authorizes by itself.
    const storage = await startProxy({
      target: registry.host,
      addHeaders: { authorization: `Basic ${Buffer.from(`${TEST_CREDENTIALS.username}:${TEST_CREDENTIALS.password}`).toString('base64')}` },
    });
    const front = await startProxy({
      target: registry.host,
      rewriteResponseHeaders: (req, headers) => {
        if (req.method === 'POST' && headers.location) {
          const loc = new URL(headers.location, `http://${registry.host}`);
          return { ...headers, location: `http://${storage.host}${loc.pathname}${loc.search}` };
        }
        return headers;
      },
    });
    const path = randomFile(10_000);
    const layer = await digestFile(path);
    const c = new RepositoryClient({ registry: front.host, name: 'client/redirected' }, { plainHttp: false, credentials: TEST_CREDENTIALS });
    expect(await c.pushBlob({ mediaType: 'application/octet-stream', ...layer }, { path })).toBe(true);
    expect(storage.requests.map((r) => r.method)).toEqual(['PUT']);
    expect(storage.requests[0]!.url).toMatch(/[?&]_state=.*&digest=sha256%3A[0-9a-f]{64}$/); // the location's query is kept
    expect(storage.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect(front.requests.some((r) => r.headers.authorization?.startsWith('Basic '))).toBe(true);
    expect(await c.blobExists(layer.digest)).toBe(true);
    await c.close();
    await front.stop();
    await storage.stop();
  });

  it("reports the registry's own error code and message", async () => {
    const c = new RepositoryClient({ registry: registry.host, name: 'client/bad' }, { plainHttp: false, credentials: TEST_CREDENTIALS, retry: noRetry });
    const err = await c
      .putManifest(
        'v1',
        Buffer.from(
          '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"x","digest":"sha256:' +
            '0'.repeat(64) +
            '","size":1},"layers":[]}',
        ),
        OCI_MANIFEST,
      )
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).status).toBe(400);
    expect((err as Error).message).toMatch(/push of manifest v1 failed: HTTP 400 \(MANIFEST_BLOB_UNKNOWN/);
    await c.close();
  });

  it('says the credentials were refused on a wrong password', async () => {
    const c = new RepositoryClient(
      { registry: registry.host, name: 'client/denied' },
      { plainHttp: false, credentials: { username: 'ci-user', password: 'wrong' }, retry: noRetry },
    );
    await expect(c.blobExists(`sha256:${'0'.repeat(64)}`)).rejects.toThrow(/HTTP 401.*refused the credentials/);
    await c.close();
  });

  describe('streams from disk', () => {
    const SIZE = 128 * 1024 * 1024;
    let path: string;
    let layer: { digest: string; size: number };
    beforeAll(async () => {
      path = randomFile(SIZE);
      layer = await digestFile(path);
    });

    it.each([
      ['in one PUT', { chunkThreshold: Number.MAX_SAFE_INTEGER, chunkSize: 4 << 20 }],
      ['in 4 MiB chunks', { chunkThreshold: 64 << 20, chunkSize: 4 << 20 }],
    ])('a 128 MiB blob %s grows RSS by less than 64 MiB', async (name, upload) => {
      globalThis.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const timer = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 5);
      const c = client(`client/big-${upload.chunkThreshold}`, upload);
      try {
        expect(await c.pushBlob({ mediaType: 'application/octet-stream', ...layer }, { path })).toBe(true);
      } finally {
        clearInterval(timer);
        await c.close();
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      console.log(`RSS growth pushing 128 MiB ${name}: ${((peak - baseline) / 2 ** 20).toFixed(1)} MiB`);
      expect(peak - baseline).toBeLessThan(64 * 1024 * 1024);
      expect(await client(`client/big-${upload.chunkThreshold}`).blobExists(layer.digest)).toBe(true);
    });
  });
});
