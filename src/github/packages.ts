// GitHub's Packages REST API for a container package: its versions with their tags, and deleting one
// (docs.github.com "REST API endpoints for packages": GET/DELETE
// /{orgs|users}/{owner}/packages/container/{package_name}/versions[/{id}]). GHCR's registry API deletes
// nothing, so this is the only way to remove a version there. A package name with a `/` is sent encoded
// (`acme%2Fgreeter`). Deleting needs `packages: write` and, for the repository's GITHUB_TOKEN, the Admin role
// for the repository under the package's "Manage Actions access"; GitHub says 404 "Package not found" for
// a denial as often as 403.
import { octokit, type Octokit } from './octokit.js';

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

  /** Every version, all pages; none when the package does not exist (or is not this token's to see). */
  async list(): Promise<PackageVersion[]> {
    const versions: PackageVersion[] = [];
    for (let page = 1; page <= 1000; page++) {
      let data: unknown;
      try {
        data = (await this.octokit.request(`GET ${await this.base()}`, { per_page: 100, page, state: 'active' })).data;
      } catch (err) {
        if ((err as { status?: number }).status === 404) return versions;
        throw err;
      }
      if (!Array.isArray(data) || data.length === 0) return versions;
      for (const v of data as Array<{ id?: unknown; name?: unknown; metadata?: { container?: { tags?: unknown } } }>) {
        const tags = v.metadata?.container?.tags;
        if (typeof v.id !== 'number' || typeof v.name !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(v.name)) continue;
        versions.push({ id: v.id, digest: v.name, tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [] });
      }
      if (data.length < 100) return versions;
    }
    return versions;
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
