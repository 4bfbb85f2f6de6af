// The `password` input defaults to the workflow's GITHUB_TOKEN. That token means something only to
// GitHub's own registry; sent to any other registry's login it would hand a live GitHub credential to a
// third party. GitHub's installation tokens (GITHUB_TOKEN included) start with `ghs_`.

/** ghcr.io, or a GitHub Enterprise Server's `containers.<host>`. */
export function isGitHubRegistry(registry: string, serverUrl: string): boolean {
  let serverHost = '';
  try {
    serverHost = new URL(serverUrl).hostname;
  } catch {
    serverHost = '';
  }
  return registry === 'ghcr.io' || (serverHost !== '' && serverHost !== 'github.com' && registry === `containers.${serverHost}`);
}

export function isGitHubAppToken(password: string): boolean {
  return password.startsWith('ghs_');
}

/** True when the password is a GitHub token that must not go to this registry. */
export function withholdGitHubToken(password: string, registry: string, serverUrl: string): boolean {
  return isGitHubAppToken(password) && !isGitHubRegistry(registry, serverUrl);
}
