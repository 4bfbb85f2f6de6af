// Masking secrets in the job log. The runner replaces every occurrence of a masked value with ***, so a
// short one does harm: a registry that hands out the token `e` would hide every "e" in the log, and the log
// would show which characters it holds. Values under 8 characters are not masked; the action never writes
// a secret to the log either way.
import * as core from './runner.js';

export const MIN_MASKED_LENGTH = 8;

export function maskSecret(value: string | undefined): void {
  if (value && value.length >= MIN_MASKED_LENGTH) core.setSecret(value);
}

/** A proxy URL's password (`http://user:pass@proxy:3128`) is a secret too. */
export function maskProxyPasswords(env: NodeJS.ProcessEnv): void {
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']) {
    try {
      maskSecret(decodeURIComponent(new URL(env[name] ?? '').password));
    } catch {
      // unset or not a URL: nothing to mask
    }
  }
}
