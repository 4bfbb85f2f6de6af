// What to tell a GitHub user when the registry refuses them.

/** GHCR refuses a GITHUB_TOKEN that lacks `packages: write`; say where to grant it. */
export function permissionHint(status: number, registry: string): string | undefined {
  if (registry !== 'ghcr.io' || (status !== 401 && status !== 403)) return undefined;
  return (
    'To push to GHCR with GITHUB_TOKEN the job needs "permissions: packages: write" (and "contents: read"); ' +
    'pull requests from forks and Dependabot only get read access. With a personal access token, it needs the write:packages scope.'
  );
}
