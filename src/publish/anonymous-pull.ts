// Whether anyone may pull what was just pushed: an anonymous client asks for a pull token (the registry's
// token flow, with no credentials) and HEADs the manifest by digest, as `docker pull` of a public image does.
// New GHCR packages are private, so a preview's pull command fails for everyone but its author until the
// package is made public; this says so. It never fails the step: a check that cannot finish tells nothing.
import { isActionError } from '../errors.js';
import { RegistryError } from '../oci/errors.js';
import { DEFAULT_RETRY, RetryPolicy } from '../oci/policy.js';
import { RepositoryClient } from '../oci/repository.js';
import type { Repository } from '../oci/reference.js';
import type { TransportOptions } from '../oci/transport.js';

/** true: anyone can pull it; false: the registry wants credentials (or hides it); undefined: could not tell. */
export async function anonymousPull(
  repository: Repository,
  digest: string,
  options: Pick<TransportOptions, 'plainHttp' | 'timeouts' | 'proxyEnv' | 'connect'>,
): Promise<boolean | undefined> {
  const client = new RepositoryClient(repository, { ...options, pullOnly: true, retry: new RetryPolicy({ ...DEFAULT_RETRY, maxRetries: 1 }) });
  try {
    return (await client.manifestDigest(digest)) === digest;
  } catch (err) {
    if (isActionError(err, 'credentials')) return false;
    if (err instanceof RegistryError && [401, 403, 404].includes(err.status)) return false;
    return undefined;
  } finally {
    await client.close();
  }
}
