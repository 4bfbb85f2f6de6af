// Which registries the `password` input may go to when WIT dependencies are pulled: only where it would go
// for a push (an image's registry), or GitHub's token to GitHub's registry.
import { describe, expect, it } from 'vitest';
import { passwordGoesTo } from '../../src/publish/wit-deps.js';
import { parseRepository } from '../../src/oci/reference.js';

const images = [parseRepository('registry.example:5000/acme/app'), parseRepository('ghcr.io/acme/app')];
const server = 'https://github.com';

describe('passwordGoesTo', () => {
  it.each([
    ['a password to an image registry', 's3cret', 'registry.example:5000', true],
    ['a password to a registry no image is on', 's3cret', 'other.example', false],
    ['a password to the same host on another port', 's3cret', 'registry.example', false],
    ['the GitHub token to ghcr.io', 'ghs_abc', 'ghcr.io', true],
    ['the GitHub token to any other registry, even an image one', 'ghs_abc', 'registry.example:5000', false],
    ['no password', '', 'ghcr.io', false],
  ])('%s', (_, password, registry, expected) => {
    expect(passwordGoesTo({ password, repositories: images }, registry, server)).toBe(expected);
  });

  it('the GitHub token to ghcr.io even when no image is there (public WIT packages, the org’s private ones)', () => {
    expect(passwordGoesTo({ password: 'ghs_abc', repositories: [] }, 'ghcr.io', server)).toBe(true);
  });
});
