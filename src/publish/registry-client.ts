// A registry client with the run's settings, as every step opens one (pushing, pulling WIT packages): retries,
// timeouts and proxies from the inputs and the environment, and every secret it holds or obtains masked.
import type { Settings } from '../inputs.js';
import { secretsOf, type Credentials } from '../oci/auth.js';
import { RetryPolicy } from '../oci/policy.js';
import type { Repository } from '../oci/reference.js';
import { RepositoryClient } from '../oci/repository.js';

export interface ClientIO {
  env: NodeJS.ProcessEnv;
  mask: (secret: string) => void;
  log?: (line: string) => void;
}

/** `plainHttp` defaults to the input; `pullOnly` asks for pull tokens only. */
export function registryClient(
  settings: Pick<Settings, 'plainHttp' | 'retry' | 'timeouts'>,
  repository: Repository,
  credentials: Credentials | undefined,
  io: ClientIO,
  options: { plainHttp?: boolean; pullOnly?: boolean } = {},
): RepositoryClient {
  for (const secret of secretsOf(credentials)) io.mask(secret);
  return new RepositoryClient(repository, {
    pullOnly: options.pullOnly,
    plainHttp: options.plainHttp ?? settings.plainHttp,
    credentials,
    clientId: 'wasm-oci-publish',
    retry: new RetryPolicy(settings.retry),
    timeouts: settings.timeouts,
    proxyEnv: io.env,
    onSecret: io.mask,
    log: io.log,
  });
}
