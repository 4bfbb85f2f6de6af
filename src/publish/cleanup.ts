// Removing what a pull request's previews published, once it is closed: every version tagged `pr-<n>` or
// annotated `dev.wasm-oci-publish.pull-request: <n>` (an earlier push whose `pr-<n>` tag moved on), with its
// referrers (the SBOM and signature manifests, and the `sha256-<hex>` fallback index that lists them). A
// version that also carries a tag no preview of it makes (a release, `latest`, a branch, a `sha-` tag of
// another commit) is kept, and only its preview tag is dropped where the registry can untag. On GHCR, versions are listed and deleted through
// GitHub's Packages API (its registry deletes nothing); elsewhere through the distribution API, and a
// registry that refuses deletes gets a warning, not a failure.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { ActionError } from '../errors.js';
import { defaultRepository, imagesForCrate, type Settings } from '../inputs.js';
import type { EventFacts } from '../github/event.js';
import { ANNOTATION_PREFIX } from '../artifact/annotations.js';
import { PackageVersions } from '../github/packages.js';
import type { CleanupResult } from '../github/cleanup-report.js';
import { isGitHubRegistry } from '../github/token-scope.js';
import { readOnlyTokenReason } from '../github/push-permission.js';
import { fallbackTag, OCI_INDEX } from '../oci/spec.js';
import { formatRepository, type Repository } from '../oci/reference.js';
import type { RepositoryClient } from '../oci/repository.js';

/** One manifest in the repository, with its tags; `id` is GitHub's version id on GHCR. */
export interface StoredVersion {
  digest: string;
  tags: string[];
  id?: number;
}

/** A repository's versions, as a registry or GitHub's Packages API sees them. */
export interface VersionStore {
  list(): Promise<StoredVersion[]>;
  remove(version: StoredVersion): Promise<'removed' | 'gone' | 'unsupported'>;
  /** Drops one tag and keeps the manifest; false where the registry cannot (GHCR, distribution 2.x). */
  untag(tag: string): Promise<boolean>;
}

const SHA_TAG = /^sha-[0-9a-f]{7,40}$/;
const FALLBACK_TAG = /^sha256-[0-9a-f]{64}$/;

/**
 * The previews of pull request `pr` in one repository, removed with their referrers; shared versions kept.
 * `dryRun`: the same decisions, listed in the result, and nothing deleted or untagged.
 */
export async function cleanUpPreviews(
  image: string,
  client: RepositoryClient,
  store: VersionStore,
  pr: number,
  { dryRun = false }: { dryRun?: boolean } = {},
): Promise<CleanupResult> {
  const result: CleanupResult = { image, removed: [], kept: [], ...(dryRun ? { dryRun } : {}) };
  // The whole list before any delete: a listing that fails half way throws here, and nothing is deleted.
  const versions = await store.list();
  const byDigest = new Map(versions.map((v) => [v.digest, v]));
  const byTag = new Map(versions.flatMap((v) => v.tags.map((t) => [t, v] as const)));
  const prTag = `pr-${pr}`;

  for (const version of versions) {
    const preview = await previewOf(version, pr, client);
    if (!preview) continue;
    // A preview's own tags are `pr-<n>` and the `sha-` tag of the commit it was built from (its head-sha
    // annotation); any other tag, a `sha-` tag of another commit included (a promotion by commit, as
    // docker/metadata-action's type=sha names it), means someone else uses this version: it is kept.
    const own = (t: string) => t === prTag || FALLBACK_TAG.test(t) || (SHA_TAG.test(t) && preview.headSha?.startsWith(t.slice('sha-'.length)) === true);
    const others = version.tags.filter((t) => !own(t));
    if (others.length > 0) {
      const tagged = version.tags.includes(prTag);
      const untagged = tagged && !dryRun && (await store.untag(prTag));
      const prTagNote = !tagged
        ? ''
        : dryRun
          ? `; ${prTag} would be removed where the registry can untag`
          : untagged
            ? `; ${prTag} removed`
            : `; ${prTag} stays (the registry cannot untag)`;
      result.kept.push({ digest: version.digest, tags: version.tags, why: `also tagged ${others.join(', ')}${prTagNote}` });
      continue;
    }
    // Referrers first, then their index, then the preview: nothing is left pointing at what is gone.
    const index = byTag.get(fallbackTag(version.digest));
    const referrers = index ? await indexedDigests(client, index.digest) : [];
    // A referrer someone tagged (unlikely: it names its subject) is kept, as any tagged version is.
    const untaggedReferrers = referrers.map((d) => byDigest.get(d) ?? { digest: d, tags: [] }).filter((v) => v.tags.length === 0);
    const doomed: Array<[StoredVersion, CleanupResult['removed'][number]['what']]> = [
      ...untaggedReferrers.map((v) => [v, 'referrer'] as [StoredVersion, 'referrer']),
      ...(index ? [[index, 'referrers index'] as [StoredVersion, 'referrers index']] : []),
      [version, 'preview'],
    ];
    for (const [v, what] of doomed) {
      const outcome = dryRun ? 'removed' : await store.remove(v);
      if (outcome === 'unsupported') {
        result.unsupported = `the registry does not delete manifests (405 UNSUPPORTED): ${image}@${v.digest} and the rest of pull request ${pr}'s previews stay`;
        return result;
      }
      if (outcome === 'removed') result.removed.push({ digest: v.digest, tags: v.tags, what });
    }
  }
  return result;
}

/**
 * A preview of `pr` (with the head commit it was built from, when its manifest says), or undefined: tagged
 * `pr-<n>`, or annotated with that pull request: an earlier push of it (untagged, or its `sha-*` tag alone),
 * or one promoted since (a release tag on it: kept, but told). Another pull request's current preview and the
 * fallback indexes are not read; a `pr-<n>` version is read only when it has a `sha-` tag to attribute.
 */
async function previewOf(version: StoredVersion, pr: number, client: RepositoryClient): Promise<{ headSha?: string } | undefined> {
  const tagged = version.tags.includes(`pr-${pr}`);
  if (!tagged && (version.tags.some((t) => /^pr-\d+$/.test(t)) || (version.tags.length > 0 && version.tags.every((t) => FALLBACK_TAG.test(t))))) {
    return undefined;
  }
  if (tagged && !version.tags.some((t) => SHA_TAG.test(t))) return {};
  const annotations = await manifestAnnotations(client, version.digest);
  if (!tagged && annotations?.[`${ANNOTATION_PREFIX}pull-request`] !== String(pr)) return undefined;
  const head = annotations?.[`${ANNOTATION_PREFIX}head-sha`];
  return typeof head === 'string' && /^[0-9a-f]{40}$/.test(head) ? { headSha: head } : {};
}

/** A manifest's annotations; undefined when it is gone or not JSON. */
async function manifestAnnotations(client: RepositoryClient, digest: string): Promise<Record<string, unknown> | undefined> {
  const manifest = await client.getManifest(digest);
  if (!manifest) return undefined;
  try {
    const annotations = (JSON.parse(manifest.bytes.toString('utf8')) as { annotations?: unknown }).annotations;
    return typeof annotations === 'object' && annotations !== null ? (annotations as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The manifests a fallback referrers index lists. */
async function indexedDigests(client: RepositoryClient, digest: string): Promise<string[]> {
  const index = await client.getManifest(digest);
  if (!index || !index.mediaType.startsWith(OCI_INDEX)) return [];
  const manifests = (JSON.parse(index.bytes.toString('utf8')) as { manifests?: Array<{ digest?: unknown }> }).manifests ?? [];
  return manifests.flatMap((m) => (typeof m.digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(m.digest) ? [m.digest] : []));
}

/** A registry's versions: its tags, each resolved to its manifest's digest (untagged manifests cannot be listed there). */
export function registryVersions(client: RepositoryClient): VersionStore {
  return {
    async list() {
      const versions = new Map<string, StoredVersion>();
      const tags = await client.listTags();
      // Eight HEADs at a time: a repository of previews holds hundreds of tags, each a round trip.
      const digests = await mapEightAtATime(tags, (tag) => client.manifestDigest(tag));
      for (const [i, tag] of tags.entries()) {
        const digest = digests[i];
        if (!digest) continue;
        const v = versions.get(digest) ?? { digest, tags: [] };
        v.tags.push(tag);
        versions.set(digest, v);
      }
      return [...versions.values()];
    },
    async remove(v) {
      const outcome = await client.deleteManifest(v.digest);
      return outcome === 'deleted' ? 'removed' : outcome;
    },
    async untag(tag) {
      // Deleting by tag is optional in the distribution spec: any refusal (405, 400 UNSUPPORTED or another
      // code, as some registries answer for a reference that is not a digest) means the tag stays.
      return (await client.deleteManifest(tag).catch(() => 'unsupported')) === 'deleted';
    },
  };
}

/** `f` of each item, in order, at most eight running at once; after a failure no new one starts. */
async function mapEightAtATime<T, R>(items: T[], f: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await f(items[i]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, items.length) }, worker));
  return results;
}

/** GHCR's versions, through GitHub's Packages API: untagged ones included. */
export function ghcrVersions(packages: PackageVersions): VersionStore {
  return {
    list: () => packages.list(),
    remove: (v) => (v.id === undefined ? Promise.resolve('gone' as const) : packages.remove(v.id)),
    untag: () => Promise.resolve(false),
  };
}

export interface CleanupIO {
  /** A client of the repository with the run's credentials (main.ts's openRepository). */
  open(repository: Repository): Promise<RepositoryClient>;
  info(line: string): void;
  warning(line: string): void;
  /** A skipped cleanup's reason (core.notice); `info` when not given. */
  notice?(line: string): void;
}

/**
 * The closed pull request's previews, removed from every image. GitHub's API for GHCR images (the token is
 * `github-token`), the registry's own API elsewhere; a refusal to delete is a warning there, a GitHub denial
 * fails the step with what to grant. `github.event`: the run's facts, for the read-only token check.
 */
export async function cleanUpPullRequest(
  images: Repository[],
  pr: number,
  github: { token: string; apiUrl?: string; serverUrl: string; ownerIsOrganization?: boolean; event?: EventFacts },
  io: CleanupIO,
  options: { dryRun?: boolean } = {},
): Promise<CleanupResult[]> {
  // A fork's pull_request run (and Dependabot's) gets a read-only GITHUB_TOKEN and no secrets: every delete
  // could only be refused, and such a pull request published no previews (the push is skipped the same way).
  // Nothing is listed or tried; the notice says where a cleanup can run instead.
  const readOnly = github.event ? readOnlyTokenReason(github.event) : undefined;
  if (readOnly) {
    const why =
      `Not cleaning up pull request #${pr}'s previews: ${readOnly}, and GitHub gives such runs a read-only token. ` +
      `Run the cleanup from "pull_request_target" (closed), or a scheduled run with "cleanup: true" and "pr-number: ${pr}".`;
    (io.notice ?? io.info)(why);
    return images.map((repository) => ({ image: formatRepository(repository), removed: [], kept: [], skipped: why }));
  }
  const results: CleanupResult[] = [];
  for (const repository of images) {
    const image = formatRepository(repository);
    const client = await io.open(repository);
    try {
      const [owner, ...rest] = repository.name.split('/');
      const store = isGitHubRegistry(repository.registry, github.serverUrl)
        ? ghcrVersions(
            new PackageVersions(github.token, github.apiUrl, { owner: owner!, ownerIsOrganization: github.ownerIsOrganization, name: rest.join('/') }),
          )
        : registryVersions(client);
      const result = await cleanUpPreviews(image, client, store, pr, options);
      const removed = result.dryRun ? 'would remove' : 'removed';
      for (const r of result.removed) io.info(`${removed} ${image}@${r.digest} (${r.what}${r.tags.length ? `, ${r.tags.join(', ')}` : ''})`);
      for (const k of result.kept) io.info(`kept ${image}@${k.digest}: ${k.why}`);
      if (result.unsupported) io.warning(result.unsupported);
      results.push(result);
    } finally {
      await client.close();
    }
  }
  return results;
}

/** The images to clean: the `image` input, else the default a publish would use (the file's or the crate's name). */
export async function cleanupImages(settings: Settings, event: EventFacts): Promise<Repository[]> {
  if (settings.crateImages.length > 0) {
    // Every member's images: those that publish nothing have no versions, and cleaning them finds nothing.
    const { cargoMetadata } = await import('../cargo/build-crate.js');
    const members = (await cargoMetadata(resolve(settings.build?.workingDirectory ?? '.'))).packages.map((p) => p.name);
    return members.flatMap((crate) => imagesForCrate(settings.crateImages, crate));
  }
  if (settings.repositories.length > 0) return settings.repositories;
  if (settings.component) return [defaultRepository(settings.component, event)];
  const manifest = join(settings.build?.workingDirectory ?? '.', 'Cargo.toml');
  const name = await readFile(manifest, 'utf8')
    .then((text) => (parse(text) as { package?: { name?: unknown } }).package?.name)
    .catch(() => undefined);
  if (typeof name !== 'string') throw new ActionError('input', `cleaning up needs the image: set "image" (${manifest} names no package)`);
  return [defaultRepository(name, event)];
}
