// Referrers against the real registry, which, like GHCR, has no referrers API: the fallback tag path, for
// real. The API path through a proxy that adds what a registry with the API sends.
import { describe, expect, it } from 'vitest';
import { RepositoryClient } from '../../src/oci/repository.js';
import { EMPTY_CONFIG, fallbackTag, sha256Digest, OCI_MANIFEST, OCI_INDEX, type Descriptor } from '../../src/oci/spec.js';
import { pushManifest } from '../../src/oci/push.js';
import { attachReferrer, type Referrer } from '../../src/oci/referrers.js';
import { registryForSuite } from '../helpers/registry.js';
import { startProxy } from '../helpers/proxy.js';
import { rawManifest } from '../helpers/skopeo.js';

function referrer(artifactType: string, content: string, annotations: Record<string, string> = {}): Referrer {
  const bytes = Buffer.from(content);
  return {
    artifactType,
    config: EMPTY_CONFIG,
    layers: [{ descriptor: { mediaType: artifactType, digest: sha256Digest(bytes), size: bytes.length }, source: { bytes } }],
    annotations,
  };
}

async function pushSubject(client: RepositoryClient, tag: string): Promise<Descriptor> {
  const layer = Buffer.from(`subject ${tag}`);
  const layerDesc = { mediaType: 'application/wasm', digest: sha256Digest(layer), size: layer.length };
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: EMPTY_CONFIG.descriptor, layers: [layerDesc] }));
  const digest = sha256Digest(bytes);
  await pushManifest(
    client,
    {
      mediaType: OCI_MANIFEST,
      bytes,
      digest,
      blobs: [
        { descriptor: layerDesc, source: { bytes: layer } },
        { descriptor: EMPTY_CONFIG.descriptor, source: { bytes: EMPTY_CONFIG.bytes } },
      ],
    },
    [tag],
  );
  return { mediaType: OCI_MANIFEST, digest, size: bytes.length };
}

describe('referrers', () => {
  const registry = registryForSuite('anonymous');

  it('without a referrers API: the sha256-<hex> index lists each once, keeps older ones, and points at the subject', async () => {
    const client = new RepositoryClient({ registry: registry.host, name: 'ref/fallback' }, { plainHttp: false });
    const subject = await pushSubject(client, 'v1');
    const sbom = referrer('application/vnd.cyclonedx+json', '{"bomFormat":"CycloneDX"}', { 'org.opencontainers.image.created': 'x' });
    const sig = referrer('application/vnd.dev.sigstore.bundle.v0.3+json', '{"bundle":1}', { 'dev.sigstore.bundle.content': 'dsse-envelope' });

    const first = await attachReferrer(client, subject, sbom);
    expect(first).toMatchObject({ via: 'fallback-tag', added: true });
    expect(await attachReferrer(client, subject, sig)).toMatchObject({ via: 'fallback-tag', added: true });
    expect(await attachReferrer(client, subject, sbom)).toMatchObject({ via: 'fallback-tag', added: false, digest: first.digest });
    await attachReferrer(client, subject, referrer('application/spdx+json', '{"spdxVersion":"SPDX-2.3"}'));

    const index = JSON.parse(await rawManifest(`${registry.host}/ref/fallback:${fallbackTag(subject.digest)}`));
    expect(index.mediaType).toBe(OCI_INDEX);
    expect(index.manifests.map((m: Descriptor) => m.artifactType)).toEqual([
      'application/vnd.cyclonedx+json',
      'application/vnd.dev.sigstore.bundle.v0.3+json',
      'application/spdx+json',
    ]);
    expect(index.manifests[1].annotations).toEqual({ 'dev.sigstore.bundle.content': 'dsse-envelope' });
    const referrerManifest = JSON.parse(await rawManifest(`${registry.host}/ref/fallback@${first.digest}`));
    expect(referrerManifest).toMatchObject({ artifactType: 'application/vnd.cyclonedx+json', subject, config: EMPTY_CONFIG.descriptor });
    await client.close();
  });

  it('refuses to overwrite a fallback tag that holds something other than an index', async () => {
    const client = new RepositoryClient({ registry: registry.host, name: 'ref/clash' }, { plainHttp: false });
    const subject = await pushSubject(client, 'v1');
    await pushSubject(client, fallbackTag(subject.digest)); // a plain manifest squatting on the tag
    await expect(attachReferrer(client, subject, referrer('application/x-a', 'a'))).rejects.toThrow(
      /holds application\/vnd\.oci\.image\.manifest\.v1\+json instead of an image index/,
    );
    await client.close();
  });

  it('with a referrers API (OCI-Subject on the push): no fallback tag is written', async () => {
    let subjectDigest = '';
    const proxy = await startProxy({
      target: registry.host,
      rewriteResponseHeaders: (req, headers) =>
        req.method === 'PUT' && /\/manifests\/sha256:/.test(req.url) ? { ...headers, 'oci-subject': subjectDigest } : headers,
    });
    const client = new RepositoryClient({ registry: proxy.host, name: 'ref/api' }, { plainHttp: false });
    subjectDigest = (await pushSubject(client, 'v1')).digest;
    const result = await attachReferrer(client, { mediaType: OCI_MANIFEST, digest: subjectDigest, size: 1 }, referrer('application/x-a', 'a'));
    expect(result).toMatchObject({ via: 'api', added: true });
    // Read ahead in case the registry has no API (referrers.ts), never written.
    expect(proxy.requests.filter((r) => r.url.includes(fallbackTag(subjectDigest))).map((r) => r.method)).toEqual(['GET']);
    await client.close();
    await proxy.stop();
  });

  it('with a referrers API but no OCI-Subject header: the ping finds it', async () => {
    const proxy = await startProxy({
      target: registry.host,
      fault: (req) =>
        req.method === 'GET' && req.url.includes('/referrers/')
          ? { status: 200, headers: { 'content-type': OCI_INDEX }, body: JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] }) }
          : undefined,
    });
    const client = new RepositoryClient({ registry: proxy.host, name: 'ref/ping' }, { plainHttp: false });
    const subject = await pushSubject(client, 'v1');
    expect(await attachReferrer(client, subject, referrer('application/x-a', 'a'))).toMatchObject({ via: 'api' });
    expect(proxy.requests.filter((r) => r.url.includes('/referrers/'))).toHaveLength(1);
    expect(proxy.requests.filter((r) => r.url.includes(fallbackTag(subject.digest))).map((r) => r.method)).toEqual(['GET']);
    await client.close();
    await proxy.stop();
  });
});
