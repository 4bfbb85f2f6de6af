// Pushing one manifest with its blobs and tags. Order matters: every blob first, then the manifest under
// its first tag, then the other tags, so no tag ever names a manifest whose content is missing.
import type { BlobSource, RepositoryClient } from './repository.js';
import type { Descriptor } from './spec.js';

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

/** `mountFrom`: another repository of the same registry that already holds the blobs (a cross-repository mount). */
export async function pushManifest(client: RepositoryClient, manifest: ManifestToPush, tags: string[], mountFrom?: string): Promise<PushResult> {
  // Blobs are independent: send them together (keep-alive connections are pooled by the transport).
  // Wait for all of them, even after a failure, so no upload is still running when this returns.
  const settled = await Promise.allSettled(manifest.blobs.map((b) => client.pushBlob(b.descriptor, b.source, mountFrom)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const sent = settled.map((s) => (s as PromiseFulfilledResult<boolean>).value);
  const uploaded = manifest.blobs.filter((_, i) => sent[i]).map((b) => b.descriptor.digest);
  const skipped = manifest.blobs.filter((_, i) => !sent[i]).map((b) => b.descriptor.digest);
  // Without tags the manifest goes up by digest: still addressable, never garbage to a registry that keeps untagged manifests.
  const refs = tags.length > 0 ? tags : [manifest.digest];
  for (const ref of refs) {
    await client.putManifest(ref, manifest.bytes, manifest.mediaType);
  }
  return { digest: manifest.digest, uploaded, skipped, tags };
}
