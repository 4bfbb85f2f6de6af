// The one line a failed run ends with: the error's message, and a hint chosen by what kind of error it is.
import { describe, expect, it } from 'vitest';
import { failureMessage } from '../src/main.js';
import { ActionError } from '../src/errors.js';
import { RegistryError } from '../src/oci/errors.js';

describe('failureMessage', () => {
  it("adds GHCR's permission hint to a refusal by GHCR: an HTTP 401/403, or credentials the client could not use", () => {
    expect(failureMessage(new RegistryError(403, 'push of manifest v1', []), 'ghcr.io')).toMatch(
      /^push of manifest v1 failed: HTTP 403.*permissions: packages: write/,
    );
    expect(failureMessage(new ActionError('credentials', 'the registry asks for a user name and password and none was given'), 'ghcr.io')).toMatch(
      /none was given\. To push to GHCR with GITHUB_TOKEN/,
    );
  });
  it('adds nothing for other kinds, other statuses, other registries, or before the registry is known', () => {
    expect(failureMessage(new ActionError('network', 'cannot reach ghcr.io (ECONNRESET)'), 'ghcr.io')).toBe('cannot reach ghcr.io (ECONNRESET)');
    expect(failureMessage(new RegistryError(500, 'upload', []), 'ghcr.io')).toBe('upload failed: HTTP 500');
    expect(failureMessage(new RegistryError(403, 'upload', []), 'quay.io')).not.toMatch(/packages: write/);
    expect(failureMessage(new ActionError('input', 'input "push" must be true or false'), undefined)).toBe('input "push" must be true or false');
    expect(failureMessage('a string', undefined)).toBe('a string');
  });
});
