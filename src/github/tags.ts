// Tags derived from the event, in the manner of docker/metadata-action (type=semver, type=ref, type=sha).
// semver's parse only: its index also loads the range machinery, a cost on every run's start (bench/).
import parse from 'semver/functions/parse.js';
import type { EventFacts } from './event.js';

export interface DerivedTags {
  tags: string[];
  /** The release version when the event is a semver tag (`1.2.3`, `1.2.3-rc.1`). */
  version?: string;
}

/** Makes any string a valid OCI tag: disallowed characters become `-`, it starts with [A-Za-z0-9_], ≤128 chars. */
export function sanitizeTag(value: string): string {
  const cleaned = value
    .replace(/[^a-zA-Z0-9._-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return cleaned === '' ? '_' : cleaned;
}

export function shortSha(sha: string): string {
  return `sha-${sha.slice(0, 7)}`;
}

export function deriveTags(event: EventFacts): DerivedTags {
  if (event.tag !== undefined) {
    // Strict semver with an optional leading v (`v1.2.3`, `1.2.3`); `1.2` is not a version here.
    const version = /^v?\d+\.\d+\.\d+/.test(event.tag) ? parse(event.tag.replace(/^v/, '')) : null;
    if (!version) return { tags: [sanitizeTag(event.tag)] };
    // Build metadata (`+x`) is kept but `+` is not valid in a tag: it becomes `-`, as docker/metadata-action does.
    const full = sanitizeTag(version.raw);
    if (version.prerelease.length > 0) return { tags: [full], version: version.raw };
    const tags = [full, `${version.major}.${version.minor}`];
    if (version.major > 0) tags.push(`${version.major}`);
    tags.push('latest');
    return { tags, version: version.raw };
  }
  if (event.prNumber !== undefined) {
    // The head commit is what the reviewer knows; GITHUB_SHA is a merge commit that exists nowhere else.
    const sha = event.headSha ?? event.sha;
    return { tags: [`pr-${event.prNumber}`, ...(sha ? [shortSha(sha)] : [])] };
  }
  if (event.branch !== undefined && event.eventName === 'push') {
    return { tags: [sanitizeTag(event.branch), ...(event.sha ? [shortSha(event.sha)] : [])] };
  }
  if (event.sha) return { tags: [shortSha(event.sha)] };
  return { tags: [] };
}
