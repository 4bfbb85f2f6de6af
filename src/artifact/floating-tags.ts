// Floating tags (`1.2`, `1`, `latest`) move only forward: publishing 1.0.5 after 1.1.0 must not take `1`
// or `latest` back to 1.0.5. Each floating tag is kept when the registry already has a higher release
// version in its range.
import semver from 'semver';

export type LatestPolicy = 'auto' | 'true' | 'false';

/**
 * `tags` as derived for a release `version`, less the floating tags an existing higher version owns.
 * `latest` follows the policy: auto (highest release only), true (always), false (never).
 */
export function floatingTags(tags: string[], version: string | undefined, existing: string[], latest: LatestPolicy): string[] {
  const parsed = version ? semver.parse(version) : null;
  const releases = existing.map((t) => semver.parse(t.replace(/^v/, ''))).filter((v): v is semver.SemVer => v !== null && v.prerelease.length === 0);
  const higher = (range: (v: semver.SemVer) => boolean) => parsed !== null && releases.some((v) => range(v) && semver.gt(v, parsed));
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
