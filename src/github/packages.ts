// GitHub's Packages REST API for a container package: its versions with their tags, and deleting one
// (docs.github.com "REST API endpoints for packages": GET/DELETE
// /{orgs|users}/{owner}/packages/container/{package_name}/versions[/{id}]). GHCR's registry API deletes
// nothing, so this is the only way to remove a version there. A package name with a `/` is sent encoded
// (`acme%2Fgreeter`). Deleting needs `packages: write` and, for the repository's GITHUB_TOKEN, the Admin role
// for the repository under the package's "Manage Actions access"; GitHub says 404 "Package not found" for
// a denial as often as 403.
import { octokit, type Octokit } from './octokit.js';

const PER_PAGE = 100;
/** 20,000 versions: a package of previews holds a few thousand; past this the list is refused. */
const MAX_PAGES = 200;

export interface PackageVersion {
  id: number;
  /** The manifest digest. */
  digest: string;
  tags: string[];
}

export interface PackageRef {
  owner: string;
  /** Undefined when the event did not say (a schedule's payload): GitHub is asked (GET /users/{owner} has its type). */
  ownerIsOrganization?: boolean;
  /** The repository path under the owner: `greeter`, `acme/greeter`. */
  name: string;
}

/** What a denial means and what to grant, in one sentence the step can end with. */
export const DELETE_PERMISSION_HINT =
  'deleting a GHCR package version needs "permissions: packages: write" in the workflow and, for the GITHUB_TOKEN, ' +
  "this repository's Admin role in the package's settings (Manage Actions access)";

/** A client of one package; `apiUrl` defaults to GITHUB_API_URL (octokit.ts). */
export class PackageVersions {
  private readonly octokit: Octokit;
  private basePath: Promise<string> | undefined;

  constructor(
    token: string,
    apiUrl: string | undefined,
    private readonly pkg: PackageRef,
  ) {
    this.octokit = octokit(token, apiUrl);
  }

  /** `/orgs/…` or `/users/…`, by the owner's type. */
  private base(): Promise<string> {
    this.basePath ??= (async () => {
      let organization = this.pkg.ownerIsOrganization;
      if (organization === undefined) {
        const { data } = await this.octokit.request('GET /users/{username}', { username: this.pkg.owner });
        organization = (data as { type?: string }).type === 'Organization';
      }
      return `/${organization ? 'orgs' : 'users'}/${encodeURIComponent(this.pkg.owner)}/packages/container/${encodeURIComponent(this.pkg.name)}/versions`;
    })();
    return this.basePath;
  }

  /**
   * Every version, all pages; none when the package does not exist (or is not this token's to see). A list
   * that cannot be had whole throws: the cleanup decides from it, so it must not act on part of one.
   */
  async list(): Promise<PackageVersion[]> {
    const versions: PackageVersion[] = [];
    const seen = new Set<number>();
    for (let page = 1; ; page++) {
      // Bounded: a package past MAX_PAGES, or an API whose pages never end, is refused rather than read on
      // (GITHUB_TOKEN has 1,000 requests an hour per repository).
      if (page > MAX_PAGES) throw this.incomplete(`it has more than ${MAX_PAGES * PER_PAGE} versions (${MAX_PAGES} pages)`);
      let data: unknown;
      try {
        data = (await this.octokit.request(`GET ${await this.base()}`, { per_page: PER_PAGE, page, state: 'active' })).data;
      } catch (err) {
        const status = (err as { status?: number }).status;
        // No package (yet) on the first page; half way, a 404 (or any failure) leaves the list incomplete.
        if (status === 404 && page === 1) return versions;
        throw this.incomplete(`page ${page} failed${status ? ` (${status})` : ''}: ${(err as Error).message}`, err);
      }
      if (!Array.isArray(data)) throw this.incomplete(`page ${page} is not a list of versions`);
      let fresh = 0;
      for (const v of data as Array<{ id?: unknown; name?: unknown; metadata?: { container?: { tags?: unknown } } }>) {
        // A version pushed while listing shifts the pages by one: the same id again is skipped, not doubled.
        if (typeof v.id !== 'number' || seen.has(v.id)) continue;
        seen.add(v.id);
        fresh++;
        const tags = v.metadata?.container?.tags;
        if (typeof v.name !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(v.name)) continue;
        versions.push({ id: v.id, digest: v.name, tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [] });
      }
      if (data.length < PER_PAGE) return versions;
      // A full page of versions already seen: the API answers the same page again, and would without end.
      if (fresh === 0) throw this.incomplete(`page ${page} lists only versions of earlier pages (the API repeats its pages)`);
    }
  }

  private incomplete(why: string, cause?: unknown): Error {
    return new Error(
      `listing the versions of ${this.pkg.owner}/${this.pkg.name} failed, so nothing in it is deleted: ${why}`,
      cause === undefined ? undefined : { cause },
    );
  }

  /** 'removed', or 'gone' when GitHub no longer has it; a denial throws with what to grant. */
  async remove(id: number): Promise<'removed' | 'gone'> {
    try {
      await this.octokit.request(`DELETE ${await this.base()}/${id}`);
      return 'removed';
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404) return 'gone';
      if (status === 401 || status === 403)
        throw new Error(`GitHub refused to delete version ${id} of ${this.pkg.owner}/${this.pkg.name} (${status}): ${DELETE_PERMISSION_HINT}`);
      // GitHub keeps a package's last version ("You cannot delete the last version of a package"): the package
      // holds nothing else then, so it goes as a whole (DELETE …/packages/container/{name}).
      if (status === 400 && /last version/i.test((err as Error).message)) {
        await this.octokit.request(`DELETE ${(await this.base()).replace(/\/versions$/, '')}`);
        return 'removed';
      }
      throw err;
    }
  }
}
