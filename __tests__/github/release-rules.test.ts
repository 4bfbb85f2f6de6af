import { describe, expect, it } from 'vitest';
import { floatingTags } from '../../src/artifact/floating-tags.js';
import { readOnlyTokenReason } from '../../src/github/push-permission.js';
import { previewCommentBody } from '../../src/github/pr-comment-body.js';
import type { EventFacts } from '../../src/github/event.js';

describe('floatingTags', () => {
  const all = ['1.0.5', '1.0', '1', 'latest'];
  it('keeps everything for the highest release', () => {
    expect(floatingTags(all, '1.0.5', ['1.0.4', 'latest', 'pr-3'], 'auto')).toEqual(all);
  });
  it('an older patch moves only the tags it is still highest in', () => {
    expect(floatingTags(all, '1.0.5', ['1.1.0', '1.0.4'], 'auto')).toEqual(['1.0.5', '1.0']);
    expect(floatingTags(['1.0.5', '1.0', '1', 'latest'], '1.0.5', ['2.0.0'], 'auto')).toEqual(['1.0.5', '1.0', '1']);
  });
  it('prereleases in the registry do not count as higher', () => {
    expect(floatingTags(all, '1.0.5', ['1.1.0-rc.1', 'v1.0.9-beta'], 'auto')).toEqual(all);
  });
  it('v-prefixed tags in the registry count', () => {
    expect(floatingTags(all, '1.0.5', ['v1.2.0'], 'auto')).toEqual(['1.0.5', '1.0']);
  });
  it('latest: false drops it, latest: true adds it even to a prerelease', () => {
    expect(floatingTags(all, '1.0.5', [], 'false')).toEqual(['1.0.5', '1.0', '1']);
    expect(floatingTags(['2.0.0-rc.1'], '2.0.0-rc.1', ['1.0.0'], 'true')).toEqual(['2.0.0-rc.1', 'latest']);
  });
  it('leaves non-release tags alone', () => {
    expect(floatingTags(['pr-4', 'sha-abcdef0'], undefined, ['9.9.9'], 'auto')).toEqual(['pr-4', 'sha-abcdef0']);
  });
});

describe('readOnlyTokenReason', () => {
  const base: EventFacts = {
    eventName: 'pull_request',
    ref: '',
    sha: '',
    repository: 'acme/hello',
    serverUrl: 'https://github.com',
    actor: 'octocat',
    prNumber: 1,
  };
  it('forks and Dependabot get read-only tokens', () => {
    expect(readOnlyTokenReason({ ...base, fromFork: true })).toMatch(/fork/);
    expect(readOnlyTokenReason({ ...base, actor: 'dependabot[bot]' })).toMatch(/Dependabot/);
    expect(readOnlyTokenReason({ ...base, eventName: 'push', actor: 'dependabot[bot]' })).toMatch(/Dependabot/);
  });
  it('same-repository pull requests and pull_request_target can push', () => {
    expect(readOnlyTokenReason({ ...base, fromFork: false })).toBeUndefined();
    expect(readOnlyTokenReason({ ...base, eventName: 'pull_request_target', fromFork: true })).toBeUndefined();
  });
});

describe('previewCommentBody', () => {
  const p = { image: 'ghcr.io/acme/hello', digest: 'sha256:abc', tags: ['ghcr.io/acme/hello:pr-1'], imports: [], exports: [] as string[] };
  it('a wasi:http component: wasmtime serve', () => {
    expect(previewCommentBody({ ...p, exports: ['wasi:http/incoming-handler@0.2.0'] })).toContain('wasmtime serve app.wasm');
    expect(previewCommentBody({ ...p, exports: ['wasi:http/incoming-handler@0.2.0'], imports: ['wasi:cli/environment@0.2.0'] })).toContain(
      'wasmtime serve -S cli app.wasm',
    );
  });
  it('a command: wasmtime run', () => {
    expect(previewCommentBody({ ...p, exports: ['wasi:cli/run@0.2.0'] })).toContain('wasmtime run app.wasm');
  });
  it('anything: the pull command, by digest', () => {
    expect(previewCommentBody(p)).toContain('wkg oci pull ghcr.io/acme/hello@sha256:abc -o app.wasm');
    expect(previewCommentBody(p)).not.toContain('wasmtime');
  });
});
