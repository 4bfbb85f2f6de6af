// What to tell a GitHub user when the registry refuses them.

/** GHCR refuses a GITHUB_TOKEN that lacks `packages: write`; say where to grant it. */
export function permissionHint(status: number, registry: string): string | undefined {
  if (registry !== 'ghcr.io' || (status !== 401 && status !== 403)) return undefined;
  return (
    'To push to GHCR with GITHUB_TOKEN the job needs "permissions: packages: write" (and "contents: read"); ' +
    'pull requests from forks and Dependabot only get read access. With a personal access token, it needs the write:packages scope.'
  );
}

/**
 * What to do when anonymous clients cannot pull a pushed image. GHCR: the package's settings page (visibility
 * is set there only: Danger Zone → Change visibility), as https://github.com/{orgs|users}/<owner>/packages/container/<name>/settings.
 */
export function privatePackageNotice(image: string, serverUrl: string, ownerIsOrganization: boolean): string {
  const [registry, owner, ...rest] = image.split('/');
  if (registry === 'ghcr.io' && owner && rest.length > 0) {
    const settings = `${serverUrl}/${ownerIsOrganization ? 'orgs' : 'users'}/${owner}/packages/container/${encodeURIComponent(rest.join('/'))}/settings`;
    return (
      `${image} is private: only those with access can pull it (GHCR makes new packages private). ` +
      `To let anyone pull it, change its visibility to public in ${settings} (Danger Zone); otherwise pull after \`docker login ghcr.io\` with a token that has read:packages.`
    );
  }
  return `Anonymous clients cannot pull ${image}: pulling it needs credentials for ${registry ?? 'its registry'}.`;
}
