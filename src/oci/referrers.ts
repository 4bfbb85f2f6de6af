// Attaching an artifact to another as an OCI 1.1 referrer (image-spec: `subject`; distribution-spec v1.1:
// "Pushing Manifests with Subject" and "Referrers Tag Schema"). Where the registry has no referrers API
// (GHCR, distribution 2.8), the client keeps the fallback tag `<alg>-<hex>` holding an image index of the
// referrers, as oras-go (registry/remote/referrers.go) and @sigstore/oci do.
import { ActionError } from '../errors.js';
import type { Outcome } from './policy.js';
import type { BlobSource, RepositoryClient } from './repository.js';
import { fallbackTag, OCI_INDEX, OCI_MANIFEST, sha256Digest, type Descriptor } from './spec.js';

export interface Referrer {
  artifactType: string;
  config: { descriptor: Descriptor; bytes: Buffer };
  layers: Array<{ descriptor: Descriptor; source: BlobSource }>;
  annotations?: Record<string, string>;
}

export interface AttachResult {
  digest: string;
  /** How the registry learnt of it: its referrers API, or the fallback tag. */
  via: 'api' | 'fallback-tag';
  /** The fallback tag that lists it, when that is how. */
  tag?: string;
  /** False when the fallback index listed it already (a re-run). */
  added: boolean;
}

export function referrerManifest(subject: Descriptor, r: Referrer): Buffer {
  return Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      artifactType: r.artifactType,
      config: r.config.descriptor,
      layers: r.layers.map((l) => l.descriptor),
      subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
      ...(r.annotations && Object.keys(r.annotations).length > 0 ? { annotations: r.annotations } : {}),
    }),
  );
}

/** Pushes the referrer (after its blobs; the subject must already be there) and makes it findable. */
export async function attachReferrer(client: RepositoryClient, subject: Descriptor, r: Referrer): Promise<AttachResult> {
  await Promise.all([client.pushBlob(r.config.descriptor, { bytes: r.config.bytes }), ...r.layers.map((l) => client.pushBlob(l.descriptor, l.source))]);
  const bytes = referrerManifest(subject, r);
  const put = await client.putManifest(sha256Digest(bytes), bytes, OCI_MANIFEST);
  // The spec's signal is OCI-Subject on the push; the ping covers registries that serve the API without it.
  if (put.ociSubject === subject.digest || (await client.hasReferrersApi(subject.digest))) {
    return { digest: put.digest, via: 'api', added: true };
  }
  const descriptor: Descriptor = { mediaType: OCI_MANIFEST, digest: put.digest, size: bytes.length, artifactType: r.artifactType };
  if (r.annotations && Object.keys(r.annotations).length > 0) descriptor.annotations = r.annotations;
  const tag = fallbackTag(subject.digest);
  const added = await addToFallbackIndex(client, tag, descriptor);
  return { digest: put.digest, via: 'fallback-tag', tag, added };
}

/**
 * Read-modify-write of the fallback index: 404 is an empty index, anything but an index is an error, the
 * new descriptor is appended unless present, older ones stay. With the registry's ETag the write is
 * conditional, and a lost race (412) reads again.
 */
async function addToFallbackIndex(client: RepositoryClient, tag: string, descriptor: Descriptor): Promise<boolean> {
  const attempts = client.attempts();
  for (;;) {
    const current = await client.getManifest(tag);
    let manifests: Descriptor[] = [];
    if (current) {
      const parsed = JSON.parse(current.bytes.toString('utf8')) as { mediaType?: string; manifests?: Descriptor[] };
      if (parsed.mediaType !== OCI_INDEX || !Array.isArray(parsed.manifests)) {
        throw new ActionError(
          'registry-protocol',
          `update of the referrers tag ${tag} failed: the tag holds ${parsed.mediaType ?? 'something'} instead of an image index: not overwriting it`,
        );
      }
      manifests = parsed.manifests;
    }
    if (manifests.some((m) => m.digest === descriptor.digest)) return false;
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, descriptor] }));
    try {
      await client.putManifest(tag, index, OCI_INDEX, current?.etag);
      return true;
    } catch (err) {
      // 412: another writer changed the index since it was read. Read it again.
      const lostRace = (o: Outcome) => 'status' in o && o.status === 412;
      if (!(await attempts.afterError(err, `the referrers tag ${tag} changed while it was updated`, lostRace))) throw err;
    }
  }
}
