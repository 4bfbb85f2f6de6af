// Attaching an artifact to another as an OCI 1.1 referrer (image-spec: `subject`; distribution-spec v1.1:
// "Pushing Manifests with Subject" and "Referrers Tag Schema"). Where the registry has no referrers API
// (GHCR, distribution 2.8), the client keeps the fallback tag `<alg>-<hex>` holding an image index of the
// referrers, as oras-go (registry/remote/referrers.go) and @sigstore/oci do.
import { ActionError } from '../errors.js';
import type { Outcome } from './policy.js';
import { allSettledOrThrow, settle, unsettle } from './settle.js';
import type { BlobSource, RepositoryClient } from './repository.js';
import { fallbackTag, OCI_INDEX, OCI_MANIFEST, sha256Digest, type Descriptor } from './spec.js';

export interface Referrer {
  artifactType: string;
  config: { descriptor: Descriptor; bytes: Buffer };
  /** `fresh`: bytes made in this run that no registry can hold yet (a signature): no HEAD asks for them first. */
  layers: Array<{ descriptor: Descriptor; source: BlobSource; fresh?: boolean }>;
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

/** Pushes one referrer (after its blobs; the subject must already be there) and makes it findable. */
export async function attachReferrer(client: RepositoryClient, subject: Descriptor, r: Referrer): Promise<AttachResult> {
  const [one] = await attachReferrers(client, subject, [r]);
  if ('error' in one!) throw one.error;
  return one!;
}

/** When a batch of referrers may take each step: see attachReferrers. */
export interface AttachGates {
  /** Settles once the subject's blobs are in the registry; rejects when they cannot be. */
  blobs?: Promise<unknown>;
  /** Settles once the subject is pushed (tagged); rejects when it is not. */
  subject?: Promise<unknown>;
}

export type Attached = AttachResult | { error: unknown };

/**
 * Attaches several referrers to one subject in as few round trips as the protocol allows: every referrer's
 * blobs go up as soon as it is known (a signature is known once signed), together with the subject's own;
 * the referrer manifests go up together once the subject's blobs are there (`gates.blobs`), so a push that
 * fails leaves none behind. The registry may take a manifest whose subject it does not hold yet
 * (distribution-spec v1.1, "Pushing Manifests with Subject"), so they need not wait for the subject's tags.
 * Where the registry has no referrers API, the fallback index is read ahead and written once for the whole
 * batch, after the subject is pushed (`gates.subject`): the tag never lists referrers of nothing. Each
 * referrer's outcome is returned; one that fails does not stop the others.
 */
export async function attachReferrers(
  client: RepositoryClient,
  subject: Descriptor,
  referrers: Array<Referrer | Promise<Referrer>>,
  gates: AttachGates = {},
): Promise<Attached[]> {
  const tag = fallbackTag(subject.digest);
  // Read ahead, in parallel with the uploads; whether they are needed is known only from the manifest PUTs.
  const api = settle(client.hasReferrersApi(subject.digest));
  const current = settle(client.getManifest(tag));
  const pushed = await Promise.allSettled(
    referrers.map(async (pending) => {
      const r = await pending;
      await allSettledOrThrow([
        client.pushBlob(r.config.descriptor, { bytes: r.config.bytes }),
        ...r.layers.map((l) => client.pushBlob(l.descriptor, l.source, undefined, l.fresh)),
      ]);
      await gates.blobs;
      const bytes = referrerManifest(subject, r);
      const put = await client.putManifest(sha256Digest(bytes), bytes, OCI_MANIFEST);
      const descriptor: Descriptor = { mediaType: OCI_MANIFEST, digest: put.digest, size: bytes.length, artifactType: r.artifactType };
      if (r.annotations && Object.keys(r.annotations).length > 0) descriptor.annotations = r.annotations;
      return { descriptor, ociSubject: put.ociSubject };
    }),
  );
  const fulfilled = pushed.flatMap((p) => (p.status === 'fulfilled' ? [p.value] : []));
  // The spec's signal is OCI-Subject on the push; the ping covers registries that serve the API without it.
  const viaApi = fulfilled.length > 0 && (fulfilled.every((p) => p.ociSubject === subject.digest) || (await unsettle(api)));
  let added = new Set<string>();
  if (!viaApi && fulfilled.length > 0) {
    await gates.subject;
    added = await addToFallbackIndex(
      client,
      tag,
      fulfilled.map((p) => p.descriptor),
      await unsettle(current),
    );
  }
  return pushed.map((p) =>
    p.status === 'rejected'
      ? { error: p.reason as unknown }
      : viaApi
        ? { digest: p.value.descriptor.digest, via: 'api' as const, added: true }
        : { digest: p.value.descriptor.digest, via: 'fallback-tag' as const, tag, added: added.has(p.value.descriptor.digest) },
  );
}

type IndexRead = Awaited<ReturnType<RepositoryClient['getManifest']>>;

/**
 * Read-modify-write of the fallback index: 404 is an empty index, anything but an index is an error, the
 * new descriptors are appended unless present, older ones stay. The first read may be one made ahead; with
 * the registry's ETag the write is conditional, and a lost race (412) reads again. Returns the digests added.
 */
async function addToFallbackIndex(client: RepositoryClient, tag: string, descriptors: Descriptor[], readAhead: IndexRead): Promise<Set<string>> {
  const attempts = client.attempts();
  let current = readAhead;
  for (;;) {
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
    const listed = new Set(manifests.map((m) => m.digest));
    const adding = descriptors.filter((d, i) => !listed.has(d.digest) && descriptors.findIndex((o) => o.digest === d.digest) === i);
    if (adding.length === 0) return new Set();
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [...manifests, ...adding] }));
    try {
      await client.putManifest(tag, index, OCI_INDEX, current?.etag);
      return new Set(adding.map((d) => d.digest));
    } catch (err) {
      // 412: another writer changed the index since it was read. Read it again.
      const lostRace = (o: Outcome) => 'status' in o && o.status === 412;
      if (!(await attempts.afterError(err, `the referrers tag ${tag} changed while it was updated`, lostRace))) throw err;
      current = await client.getManifest(tag);
    }
  }
}
