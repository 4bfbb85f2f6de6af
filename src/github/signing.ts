// Whether to sign. The runner offers the OIDC token signing needs only when the job has
// `permissions: id-token: write` (it then sets ACTIONS_ID_TOKEN_REQUEST_URL).
import { ActionError } from '../errors.js';

export function canGetIdToken(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}

/** Decides from the `sign` input; `true` without the permission fails before anything is pushed. */
export function shouldSign(sign: 'auto' | 'true' | 'false', env: NodeJS.ProcessEnv): boolean {
  if (sign === 'false') return false;
  if (canGetIdToken(env)) return true;
  if (sign === 'true') {
    throw new ActionError(
      'input',
      '"sign: true" needs an OIDC token: add "id-token: write" under "permissions:" in the job (with "packages: write" and "contents: read")',
    );
  }
  return false;
}
