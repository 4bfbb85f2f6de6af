import { describe, expect, it } from 'vitest';
import { eventAnnotations } from '../../src/github/annotations.js';
import type { EventFacts } from '../../src/github/event.js';

const push: EventFacts = {
  eventName: 'push',
  ref: 'refs/tags/v1.2.3',
  sha: 'a'.repeat(40),
  repository: 'acme/hello',
  serverUrl: 'https://github.com',
  actor: 'octocat',
  tag: 'v1.2.3',
};
const crate = {
  name: 'hello',
  version: '1.2.3',
  description: 'Says hello',
  license: 'MIT',
  repository: 'https://example.com/hello',
  usesCargoComponent: false,
};

describe('eventAnnotations', () => {
  it("names the GitHub repository as source and url, the commit, the version and the crate's metadata", () => {
    expect(eventAnnotations(push, crate, '2026-11-25T00:00:00Z', '1.2.3')).toEqual({
      'org.opencontainers.image.created': '2026-11-25T00:00:00Z',
      'org.opencontainers.image.source': 'https://github.com/acme/hello',
      'org.opencontainers.image.url': 'https://github.com/acme/hello',
      'org.opencontainers.image.revision': 'a'.repeat(40),
      'org.opencontainers.image.version': '1.2.3',
      'org.opencontainers.image.title': 'hello',
      'org.opencontainers.image.description': 'Says hello',
      'org.opencontainers.image.licenses': 'MIT',
    });
  });

  it("falls back to the crate's repository outside GitHub, and marks a pull request's preview with its head commit", () => {
    const local = { ...push, repository: '', sha: '' };
    expect(eventAnnotations(local, crate, '2026-11-25T00:00:00Z', undefined)).toMatchObject({ 'org.opencontainers.image.source': 'https://example.com/hello' });
    const pr = { ...push, eventName: 'pull_request', prNumber: 7, headSha: 'b'.repeat(40) };
    expect(eventAnnotations(pr, undefined, '2026-11-25T00:00:00Z', undefined)).toMatchObject({
      'dev.wasm-oci-publish.pull-request': '7',
      'dev.wasm-oci-publish.head-sha': 'b'.repeat(40),
    });
  });
});
