import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readEventFacts } from '../../src/github/event.js';
import { deriveTags, sanitizeTag } from '../../src/github/tags.js';
import { isValidTag } from '../../src/oci/reference.js';

const SHA = 'f00dfacecafebeef0123456789abcdef01234567';
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'events', `${name}.json`);
const facts = (eventName: string, payload: string, ref: string) =>
  readEventFacts({ GITHUB_EVENT_NAME: eventName, GITHUB_EVENT_PATH: fixture(payload), GITHUB_REF: ref, GITHUB_SHA: SHA, GITHUB_REPOSITORY: 'acme/hello' });

describe('tags derived from event payloads', () => {
  it('tag push of v1.2.3: the version, minor, major and latest', () => {
    expect(deriveTags(facts('push', 'push-tag', 'refs/tags/v1.2.3'))).toEqual({ tags: ['1.2.3', '1.2', '1', 'latest'], version: '1.2.3' });
  });
  it('release of v2.0.1 takes the release tag name', () => {
    expect(deriveTags(facts('release', 'release', 'refs/tags/v2.0.1')).tags).toEqual(['2.0.1', '2.0', '2', 'latest']);
  });
  it('a 0.x release has no major tag', () => {
    expect(deriveTags({ ...facts('push', 'push-tag', 'refs/tags/0.4.1'), tag: '0.4.1' }).tags).toEqual(['0.4.1', '0.4', 'latest']);
  });
  it('a prerelease gets only its own tag', () => {
    expect(deriveTags(facts('release', 'release-prerelease', 'refs/tags/1.3.0-rc.1'))).toEqual({ tags: ['1.3.0-rc.1'], version: '1.3.0-rc.1' });
  });
  it('build metadata is not valid in a tag: + becomes -', () => {
    expect(deriveTags({ ...facts('push', 'push-tag', ''), tag: 'v1.2.3+build.7' }).tags[0]).toBe('1.2.3-build.7');
  });
  it('a non-semver tag is used as is, sanitized', () => {
    expect(deriveTags({ ...facts('push', 'push-tag', ''), tag: 'nightly/2026 11' }).tags).toEqual(['nightly-2026-11']);
    expect(deriveTags({ ...facts('push', 'push-tag', ''), tag: 'v1.2' }).tags).toEqual(['v1.2']);
  });
  it('pull_request: pr-<number> and sha-<7> of the head commit, not the merge commit', () => {
    expect(deriveTags(facts('pull_request', 'pull-request', 'refs/pull/42/merge')).tags).toEqual(['pr-42', 'sha-0123456']);
  });
  it('a fork pull request is told apart from a same-repository one', () => {
    expect(facts('pull_request', 'pull-request-fork', 'refs/pull/7/merge')).toMatchObject({
      prNumber: 7,
      fromFork: true,
      headSha: 'feedfacefeedfacefeedfacefeedfacefeedface',
    });
    expect(facts('pull_request', 'pull-request', 'refs/pull/42/merge').fromFork).toBe(false);
  });
  it('branch push: the branch sanitized and sha-<7>', () => {
    expect(deriveTags(facts('push', 'push-branch', 'refs/heads/feature/x')).tags).toEqual(['feature-x', 'sha-f00dfac']);
  });
  it('workflow_dispatch and anything else: sha-<7>', () => {
    expect(deriveTags(facts('workflow_dispatch', 'workflow-dispatch', 'refs/heads/main')).tags).toEqual(['sha-f00dfac']);
    expect(deriveTags(facts('schedule', 'workflow-dispatch', 'refs/heads/main')).tags).toEqual(['sha-f00dfac']);
  });
  it('commit time comes from the payload when it has one', () => {
    expect(facts('push', 'push-tag', 'refs/tags/v1.2.3').commitTime).toBe('2026-11-20T10:00:00+01:00');
  });
});

describe('sanitizeTag', () => {
  it.each([
    ['feature/x', 'feature-x'],
    ['-lead', 'lead'],
    ['.dot', 'dot'],
    ['ünï', 'n-'],
    ['', '_'],
    ['a'.repeat(200), 'a'.repeat(128)],
  ])('%s → %s', (input, output) => {
    expect(sanitizeTag(input)).toBe(output);
    expect(isValidTag(sanitizeTag(input))).toBe(true);
  });
});
