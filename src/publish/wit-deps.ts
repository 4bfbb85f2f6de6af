// The WIT dependencies step before a build, wired: wkg's config, the crate's wkg.toml and wkg.lock (and
// whether the lock is committed), fetched packages kept by digest in the Actions cache, and credentials for
// each registry, then wit/fetch-deps.ts does the fetching.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ActionError } from '../errors.js';
import type { Settings } from '../inputs.js';
import type { BuildLog } from '../cargo/log.js';
import { restoreCache, saveCache, type CachePlan } from '../cargo/caches.js';
import { isTracked } from '../git/tracked.js';
import { isGitHubAppToken, isGitHubRegistry, withholdGitHubToken } from '../github/token-scope.js';
import { credentialsFromDockerConfig } from '../oci/docker-config.js';
import type { Credentials } from '../oci/auth.js';
import { registryClient } from './registry-client.js';
import { RetryPolicy } from '../oci/policy.js';
import { parseRepository } from '../oci/reference.js';
import { sha256Digest } from '../oci/spec.js';
import { fetchWitDependencies, type PullClient } from '../wit/fetch-deps.js';
import { loadWkgConfig, type RegistrySettings } from '../wit/wkg-config.js';
import { fetchRegistryMetadata } from '../wit/registry-metadata.js';
import { LOCK_FILE, lockText, readLock, readOverrides } from '../wit/lock.js';

export interface WitDepsContext {
  env: NodeJS.ProcessEnv;
  serverUrl: string;
  log: BuildLog;
  mask: (secret: string) => void;
}

export async function prepareWitDependencies(settings: Settings, ctx: WitDepsContext): Promise<void> {
  const { mode, wkgConfig } = settings.witDeps;
  if (mode === 'false' || !settings.build) return;
  const crateDir = resolve(settings.build.workingDirectory);
  const witDir = join(crateDir, 'wit');
  if (!existsSync(witDir)) {
    if (mode === 'fetch') throw new ActionError('input', `"wit-deps" is fetch, but ${settings.build.workingDirectory} has no wit directory`);
    return;
  }
  const lockPath = join(crateDir, LOCK_FILE);
  const lock = await readLock(lockPath);
  const cacheDir = join(ctx.env.RUNNER_TEMP || tmpdir(), 'wasm-oci-publish', 'wit-packages');
  const cachePlan = (lockBytes: string): CachePlan => ({
    key: `wasm-oci-publish-wit-${sha256Digest(Buffer.from(lockBytes)).slice(7, 23)}`,
    restoreKeys: ['wasm-oci-publish-wit-'],
    paths: [cacheDir],
  });
  let restored: string | undefined;
  const result = await fetchWitDependencies(
    {
      witDir,
      mode,
      config: await loadWkgConfig(wkgConfig || undefined, ctx.env),
      overrides: await readOverrides(join(crateDir, 'wkg.toml')),
      lock,
      locked: lock !== undefined && (await isTracked(lockPath)),
      cacheDir,
    },
    {
      beforeFetch: async () => {
        if (settings.build?.cache) restored = await restoreCache(cachePlan(lockText(lock ?? [])), ctx.log);
      },
      open: (registry, repository, registrySettings) => openPullClient(settings, ctx, registry, repository, registrySettings),
      metadata: (registry) =>
        fetchRegistryMetadata(registry, { retry: new RetryPolicy(settings.retry), timeouts: settings.timeouts, proxyEnv: ctx.env }, (line) =>
          ctx.log.warning(line),
        ),
      info: (line) => ctx.log.info(line),
    },
  );
  if (result.fetched.length === 0) return;
  ctx.log.info(`WIT dependencies in ${join(settings.build.workingDirectory, 'wit', 'deps')}: ${result.fetched.map((f) => f.directory).join(', ')}`);
  if (result.lock) {
    await writeFile(lockPath, lockText(result.lock));
    ctx.log.info(`${LOCK_FILE} ${lock ? 'updated' : 'written'}`);
  }
  if (settings.build.cache && result.fetched.some((f) => !f.fromCache)) await saveCache(cachePlan(lockText(result.lock ?? lock ?? [])), restored, ctx.log);
}

/** The `password` input is for the images' registries, and a GitHub token for GitHub's registry: never elsewhere. */
export function passwordGoesTo(settings: Pick<Settings, 'password' | 'repositories'>, registry: string, serverUrl: string): boolean {
  const { password } = settings;
  if (password === '' || withholdGitHubToken(password, registry, serverUrl)) return false;
  return settings.repositories.some((r) => r.registry === registry) || (isGitHubAppToken(password) && isGitHubRegistry(registry, serverUrl));
}

/**
 * A pull-only client. Credentials, each sent only to the registry it belongs to: the wkg config's for that
 * registry; the `password` input where it would go for a push (an image's registry, or the GitHub token to
 * GitHub's registry); Docker's config and helpers; else anonymous.
 */
async function openPullClient(
  settings: Settings,
  ctx: WitDepsContext,
  registry: string,
  repository: string,
  registrySettings: RegistrySettings,
): Promise<PullClient> {
  const credentials: Credentials | undefined =
    registrySettings.auth ??
    (passwordGoesTo(settings, registry, ctx.serverUrl)
      ? { username: settings.username, password: settings.password }
      : await credentialsFromDockerConfig(registry, ctx.env));
  return registryClient(
    settings,
    parseRepository(`${registry}/${repository}`),
    credentials,
    { env: ctx.env, mask: ctx.mask },
    { pullOnly: true, plainHttp: registrySettings.protocol === 'http' },
  );
}
