// Pushing one manifest with its blobs and tags. Order matters once: every blob first, then the manifest under
// each tag, so no tag ever names a manifest whose content is missing. The tags are independent of each other
// and go up together: over a network each PUT is a round trip, and in series they add up.
import type { BlobSource, RepositoryClient } from './repository.js';
import type { Descriptor } from './spec.js';
import { allSettledOrThrow } from './settle.js';
import { attachReferrers, type Attached, type Referrer } from './referrers.js';

export interface ManifestToPush {
  mediaType: string;
  bytes: Buffer;
  digest: string;
  blobs: Array<{ descriptor: Descriptor; source: BlobSource }>;
}

export interface PushResult {
  digest: string;
  /** Blobs the registry lacked and received. */
  uploaded: string[];
  /** Blobs the registry already had. */
  skipped: string[];
  tags: string[];
}

/**
 * `mountFrom`: another repository of the same registry that already holds the blobs (a cross-repository
 * mount). `referrers` (an SBOM, signatures still being made) are attached in the same pass: their blobs go
 * up with the manifest's, their manifests with its tags, and the fallback index once it is tagged
 * (referrers.ts, attachReferrers). What became of each referrer is in `attached`.
 */
export async function pushManifest(
  client: RepositoryClient,
  manifest: ManifestToPush,
  tags: string[],
  mountFrom?: string,
  referrers: Array<Referrer | Promise<Referrer>> = [],
): Promise<PushResult & { attached: Attached[] }> {
  // Blobs are independent: send them together (keep-alive connections are pooled by the transport).
  // Wait for all of them, even after a failure, so no upload is still running when this returns.
  const blobs = allSettledOrThrow(manifest.blobs.map((b) => client.pushBlob(b.descriptor, b.source, mountFrom)));
  let tagged!: (error?: Error) => void;
  const subjectPushed = new Promise<void>((ok, fail) => (tagged = (error) => (error === undefined ? ok() : fail(error))));
  // The gates are awaited only by referrers that got that far: a failure is handled here, not left unhandled.
  for (const gate of [blobs, subjectPushed]) gate.catch(() => undefined);
  const subject = { mediaType: manifest.mediaType, digest: manifest.digest, size: manifest.bytes.length };
  const attaching = referrers.length > 0 ? attachReferrers(client, subject, referrers, { blobs, subject: subjectPushed }) : Promise.resolve([]);
  let sent: boolean[];
  try {
    sent = await blobs;
    // Without tags the manifest goes up by digest: still addressable, never garbage to a registry that keeps untagged manifests.
    await allSettledOrThrow((tags.length > 0 ? tags : [manifest.digest]).map((ref) => client.putManifest(ref, manifest.bytes, manifest.mediaType)));
    tagged();
  } catch (err) {
    tagged(err instanceof Error ? err : new Error(String(err)));
    await attaching;
    throw err;
  }
  const uploaded = manifest.blobs.filter((_, i) => sent[i]).map((b) => b.descriptor.digest);
  const skipped = manifest.blobs.filter((_, i) => !sent[i]).map((b) => b.descriptor.digest);
  return { digest: manifest.digest, uploaded, skipped, tags, attached: await attaching };
}
