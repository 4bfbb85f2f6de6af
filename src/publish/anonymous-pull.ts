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
export function anonymousPull(
  repository: Repository,
  digest: string,
  options: Pick<TransportOptions, 'plainHttp' | 'timeouts' | 'proxyEnv' | 'connect'>,
): Promise<boolean | undefined> {
  return startAnonymousPull(repository, options).check(digest);
}

export interface AnonymousPull {
  /** Whether an anonymous client can read the manifest `digest`; closes the client. */
  check(digest: string): Promise<boolean | undefined>;
  /** Closes the client, checked or not (once). */
  close(): Promise<void>;
}

/**
 * An anonymous client that, given `ahead` (a blob the push is about to send), meets the registry's challenge
 * and gets its pull token now, while the push runs: over a network the check is then one round trip after
 * the push instead of three (HEAD, 401, token, HEAD) and a new connection. Whatever the early HEAD answers
 * (the blob may not be there yet) tells nothing and is dropped.
 */
export function startAnonymousPull(
  repository: Repository,
  options: Pick<TransportOptions, 'plainHttp' | 'timeouts' | 'proxyEnv' | 'connect'>,
  ahead?: string,
): AnonymousPull {
  const client = new RepositoryClient(repository, { ...options, pullOnly: true, retry: new RetryPolicy({ ...DEFAULT_RETRY, maxRetries: 1 }) });
  const warm = ahead ? client.blobExists(ahead).catch(() => undefined) : Promise.resolve();
  let closed: Promise<void> | undefined;
  const close = () => (closed ??= warm.then(() => client.close()));
  return {
    async check(digest) {
      try {
        await warm;
        return (await client.manifestDigest(digest)) === digest;
      } catch (err) {
        if (isActionError(err, 'credentials')) return false;
        if (err instanceof RegistryError && [401, 403, 404].includes(err.status)) return false;
        return undefined;
      } finally {
        await close();
      }
    },
    close,
  };
}
