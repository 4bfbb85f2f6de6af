// Transient registry errors are retried with backoff (Retry-After honoured); permanent ones are not, and
// a blob that never lands leaves no tag behind. Faults come from a proxy in front of the real registry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepositoryClient } from '../../src/oci/repository.js';
import { sha256Digest, OCI_MANIFEST } from '../../src/oci/spec.js';
import { pushManifest } from '../../src/oci/push.js';
import { parseRetryAfter, RetryPolicy } from '../../src/oci/policy.js';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { startProxy, type Proxy, type RecordedRequest } from '../helpers/proxy.js';
import { listTags } from '../helpers/skopeo.js';

const fastRetry = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 1500, maxTotalWaitMs: 10_000 };
const config = Buffer.from('{}');
const configDesc = { mediaType: 'application/vnd.oci.empty.v1+json', digest: sha256Digest(config), size: 2 };
const layerBytes = Buffer.from('not really wasm, but bytes all the same');
const layerDesc = { mediaType: 'application/wasm', digest: sha256Digest(layerBytes), size: layerBytes.length };
const manifestBytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: configDesc, layers: [layerDesc] }));
const artifact = {
  mediaType: OCI_MANIFEST,
  bytes: manifestBytes,
  digest: sha256Digest(manifestBytes),
  blobs: [
    { descriptor: layerDesc, source: { bytes: layerBytes } },
    { descriptor: configDesc, source: { bytes: config } },
  ],
};

describe('retries', () => {
  let registry: TestRegistry;
  let proxy: Proxy | undefined;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
  });
  afterAll(async () => {
    await proxy?.stop();
    await registry.stop();
  });

  async function pushThrough(name: string, fault: (req: RecordedRequest) => ReturnType<NonNullable<Parameters<typeof startProxy>[0]['fault']>>) {
    await proxy?.stop();
    proxy = await startProxy({ target: registry.host, fault });
    const client = new RepositoryClient({ registry: proxy.host, name }, { plainHttp: false, retry: new RetryPolicy(fastRetry) });
    try {
      return await pushManifest(client, artifact, ['v1']);
    } finally {
      await client.close();
    }
  }

  it('retries 503 with Retry-After, 429 and 502 until the registry recovers', async () => {
    const faults = [{ status: 503, headers: { 'retry-after': '1' } }, { status: 429 }, { status: 502 }];
    const started = Date.now();
    const result = await pushThrough('retry/recovers', (req) => (req.method === 'PUT' && req.url.includes('/manifests/') ? faults.shift() : undefined));
    expect(result.digest).toBe(artifact.digest);
    expect(faults).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // Retry-After: 1 was waited for
    expect(await listTags(`${registry.host}/retry/recovers`)).toEqual(['v1']);
  });

  it('gives up after the retry budget and tags nothing when a blob never lands', async () => {
    const err = await pushThrough('retry/gives-up', (req) =>
      req.method === 'PUT' && req.url.includes('/blobs/uploads/')
        ? { status: 500, body: '{"errors":[{"code":"UNKNOWN","message":"disk on fire"}]}' }
        : undefined,
    ).catch((e: unknown) => e as Error);
    expect((err as Error).message).toMatch(/upload of blob sha256:[0-9a-f]{64} failed: HTTP 500 \(UNKNOWN: disk on fire\)/);
    expect(proxy!.requests.filter((r) => r.method === 'PUT' && r.url.includes('/blobs/uploads/')).length).toBeGreaterThanOrEqual(fastRetry.maxRetries + 1);
    expect(proxy!.requests.some((r) => r.url.includes('/manifests/'))).toBe(false);
    await expect(listTags(`${registry.host}/retry/gives-up`)).rejects.toThrow();
  });

  it('does not retry a permanent error', async () => {
    const err = await pushThrough('retry/permanent', (req) =>
      req.method === 'POST' ? { status: 403, body: '{"errors":[{"code":"DENIED","message":"no"}]}' } : undefined,
    ).catch((e: unknown) => e as Error);
    expect((err as Error).message).toMatch(/HTTP 403 \(DENIED: no\)/);
    expect(proxy!.requests.filter((r) => r.method === 'POST')).toHaveLength(2); // one per blob, no retry
  });

  it('a registry error page that is not JSON is quoted, shortened', async () => {
    const err = await pushThrough('retry/html', (req) =>
      req.method === 'POST' ? { status: 400, body: `<html>${'x'.repeat(20_000)}</html>` } : undefined,
    ).catch((e: unknown) => e as Error);
    expect((err as Error).message).toMatch(/HTTP 400 \(RESPONSE: <html>x+\)/);
    expect((err as Error).message.length).toBeLessThan(400);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(new Date(Date.now() + 5000).toUTCString())).toBeGreaterThan(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});
