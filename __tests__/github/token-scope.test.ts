import { describe, expect, it } from 'vitest';
import { isGitHubRegistry, withholdGitHubToken } from '../../src/github/token-scope.js';

describe('the GitHub token stays with GitHub', () => {
  it("knows GitHub's registries", () => {
    expect(isGitHubRegistry('ghcr.io', 'https://github.com')).toBe(true);
    expect(isGitHubRegistry('containers.ghe.example.com', 'https://ghe.example.com')).toBe(true);
    expect(isGitHubRegistry('containers.github.com', 'https://github.com')).toBe(false);
    expect(isGitHubRegistry('registry-1.docker.io', 'https://github.com')).toBe(false);
  });
  it('withholds a ghs_ token from other registries only', () => {
    expect(withholdGitHubToken('ghs_abc', 'registry-1.docker.io', 'https://github.com')).toBe(true);
    expect(withholdGitHubToken('ghs_abc', 'ghcr.io', 'https://github.com')).toBe(false);
    expect(withholdGitHubToken('dckr_pat_abc', 'registry-1.docker.io', 'https://github.com')).toBe(false);
  });
});
