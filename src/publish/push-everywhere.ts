// Publishing one artifact to every image it is meant for: registries in parallel, the repositories of one
// registry one after another with blobs mounted from the first, every outcome kept.
import { ActionError } from '../errors.js';
import { pushRelease, type LatestPolicy } from '../artifact/floating-tags.js';
import { pushManifest, type ManifestToPush, type PushResult } from '../oci/push.js';
import { formatRepository, type Repository } from '../oci/reference.js';
import type { RepositoryClient } from '../oci/repository.js';
import type { Attached, Referrer } from '../oci/referrers.js';

export interface PushOutcome {
  repository: Repository;
  client: RepositoryClient;
  pushed?: PushResult;
  /** Each referrer's outcome, in the order given; set when the artifact was pushed. */
  attached?: Attached[];
  error?: unknown;
}

/**
 * Pushes the one artifact to every image: registries in parallel, the repositories of one registry one after
 * another, each after the first mounting the blobs from it (no second upload). A failure at one image does
 * not stop the others; what happened at each is returned. The referrers (SBOM, signatures) go up with the
 * artifact at each image (pushManifest).
 */
export async function pushEverywhere(
  targets: Array<{ repository: Repository; client: RepositoryClient }>,
  payload: ManifestToPush,
  release: { tags: string[]; version: string } | undefined,
  tags: string[],
  latest: LatestPolicy,
  log: (line: string) => void,
  referrers: Array<Referrer | Promise<Referrer>> = [],
): Promise<PushOutcome[]> {
  const byRegistry = new Map<string, typeof targets>();
  for (const t of targets) byRegistry.set(t.repository.registry, [...(byRegistry.get(t.repository.registry) ?? []), t]);
  const outcomes = new Map<(typeof targets)[number], PushOutcome>();
  await Promise.all(
    [...byRegistry.values()].map(async (group) => {
      let source: string | undefined; // a repository of this registry that has the blobs now
      for (const t of group) {
        try {
          const { attached, ...pushed } = release
            ? await pushRelease(t.client, payload, release, latest, source, referrers)
            : await pushManifest(t.client, payload, tags, source, referrers);
          log(
            `pushed ${formatRepository(t.repository)}@${payload.digest} (${pushed.uploaded.length} blobs uploaded, ${pushed.skipped.length} already present)`,
          );
          outcomes.set(t, { ...t, pushed, attached });
          source ??= t.repository.name;
        } catch (error) {
          outcomes.set(t, { ...t, error });
        }
      }
    }),
  );
  return targets.map((t) => outcomes.get(t)!);
}

/** One error for the images that failed, saying which were published. */
export function pushFailure(results: PushOutcome[]): Error {
  const failed = results.filter((r) => r.error !== undefined);
  const published = results.filter((r) => r.pushed).map((r) => formatRepository(r.repository));
  if (results.length === 1) return failed[0]!.error as Error;
  const reasons = failed.map((r) => `${formatRepository(r.repository)}: ${r.error instanceof Error ? r.error.message : String(r.error)}`).join('; ');
  return new ActionError(
    'registry-protocol',
    `publishing failed at ${failed.length} of ${results.length} images (${reasons}); ${published.length ? `published to ${published.join(', ')}` : 'published nowhere'}`,
    { cause: failed[0]!.error },
  );
}
