// Floating tags (`1.2`, `1`, `latest`) move only forward: publishing 1.0.5 after 1.1.0 must not take `1`
// or `latest` back to 1.0.5. Each floating tag is kept when the registry already has a higher release
// version in its range.
// semver's parse and gt only: its index also loads the range machinery, a cost on every run's start (bench/).
import parse from 'semver/functions/parse.js';
import gt from 'semver/functions/gt.js';
import type SemVer from 'semver/classes/semver.js';
import { pushManifest, type ManifestToPush, type PushResult } from '../oci/push.js';
import type { RepositoryClient } from '../oci/repository.js';
import type { Attached, Referrer } from '../oci/referrers.js';
import { allSettledOrThrow } from '../oci/settle.js';

export type LatestPolicy = 'auto' | 'true' | 'false';

/**
 * `tags` as derived for a release `version`, less the floating tags an existing higher version owns.
 * `latest` follows the policy: auto (highest release only), true (always), false (never).
 */
export function floatingTags(tags: string[], version: string | undefined, existing: string[], latest: LatestPolicy): string[] {
  const parsed = version ? parse(version) : null;
  const releases = existing.map((t) => parse(t.replace(/^v/, ''))).filter((v): v is SemVer => v !== null && v.prerelease.length === 0);
  const higher = (range: (v: SemVer) => boolean) => parsed !== null && releases.some((v) => range(v) && gt(v, parsed));
  const kept = tags.filter((tag) => {
    if (tag === 'latest') return latest === 'auto' && !higher(() => true);
    if (!parsed || parsed.prerelease.length > 0) return true;
    if (tag === `${parsed.major}.${parsed.minor}`) return !higher((v) => v.major === parsed.major && v.minor === parsed.minor);
    if (tag === `${parsed.major}`) return !higher((v) => v.major === parsed.major);
    return true;
  });
  if (latest === 'true' && !kept.includes('latest')) kept.push('latest');
  return kept;
}

/**
 * Pushes a release: its own version tag first (with the blobs and the manifest), then each floating tag it
 * may still take, judged by the tags the registry holds after the version tag landed. Two releases started
 * together then see each other's version tag in all but a narrow window (between the other's tag list and
 * its floating-tag PUTs); a concurrency group in the workflow closes it (docs/releases.md).
 */
export async function pushRelease(
  client: RepositoryClient,
  manifest: ManifestToPush,
  release: { tags: string[]; version: string },
  latest: LatestPolicy,
  mountFrom?: string,
  referrers: Array<Referrer | Promise<Referrer>> = [],
): Promise<PushResult & { attached: Attached[] }> {
  const own = release.tags.slice(0, 1); // deriveTags puts the full version first
  const pushed = await pushManifest(client, manifest, own, mountFrom, referrers);
  const moving = floatingTags(release.tags, release.version, await client.listTags(), latest).filter((t) => !own.includes(t));
  await allSettledOrThrow(moving.map((tag) => client.putManifest(tag, manifest.bytes, manifest.mediaType)));
  return { ...pushed, tags: [...own, ...moving] };
}
