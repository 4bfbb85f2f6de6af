// The two ways users run the action, from real event payloads, against the real registry: release tags
// and pull-request previews (with the comment, through a stand-in of GitHub's REST API).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js';
import { startProxy, type Proxy } from '../helpers/proxy.js';
import { runAction, ROOT } from '../helpers/action.js';
import { helloComponentFile } from '../helpers/components.js';
import { cliComponentFile } from '../helpers/smoke-components.js';
import { listTags as allTags, rawManifest } from '../helpers/skopeo.js';

/** The tags a user gave or the event derived: without the SBOM's referrers fallback tags (sha256-<hex>). */
const listTags = async (repo: string) => (await allTags(repo)).filter((t) => !t.startsWith('sha256-'));

const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, '__tests__', 'fixtures', 'events', `${name}.json`), 'utf8')) as Record<string, unknown>;
const MERGE_SHA = '1111111111111111111111111111111111111111';
const TOKEN = 'ghs_workflowtoken0123456789abcdefghijkl';

describe('events', () => {
  let registry: TestRegistry;
  let proxy: Proxy; // in front of the registry, to see what was sent
  let api: GitHubApi;
  let component: string;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    proxy = await startProxy({ target: registry.host });
    api = await startGitHubApi();
    component = await helloComponentFile();
  });
  afterAll(async () => {
    await api.stop();
    await proxy.stop();
    await registry.stop();
  });
  beforeEach(() => {
    proxy.requests.length = 0;
    api.requests.length = 0;
    api.failWith = undefined;
  });

  const run = (image: string, eventName: string, ref: string, payload: unknown, extra: Record<string, string> = {}, inputs: Record<string, string> = {}) =>
    runAction({
      inputs: { component, image: `${proxy.host}/acme/${image}`, 'github-token': TOKEN, password: '', ...inputs },
      payload,
      env: {
        GITHUB_EVENT_NAME: eventName,
        GITHUB_REF: ref,
        GITHUB_SHA: MERGE_SHA,
        GITHUB_REPOSITORY: 'acme/hello',
        GITHUB_API_URL: api.url,
        SOURCE_DATE_EPOCH: '1700000000',
        ...extra,
      },
    });
  const versionOf = async (image: string, tag: string) =>
    JSON.parse(await rawManifest(`${registry.host}/acme/${image}:${tag}`)).annotations['org.opencontainers.image.version'];

  describe('releases', () => {
    it('a tag push publishes 1.2.3, 1.2, 1 and latest, with the digest outputs', async () => {
      const r = await run('rel-a', 'push', 'refs/tags/v1.2.3', fixture('push-tag'));
      expect(r.code, r.stdout).toBe(0);
      expect(await listTags(`${registry.host}/acme/rel-a`)).toEqual(['1', '1.2', '1.2.3', 'latest']);
      expect(r.outputs.digest).toMatch(/^sha256:/);
      expect(r.outputs.tags?.split('\n')).toHaveLength(4);
    });

    it('a release event, then a prerelease that leaves latest alone, then an older patch that moves only its minor tag', async () => {
      const release = (tag: string) => run('rel-b', 'release', `refs/tags/${tag}`, { action: 'published', release: { tag_name: tag } });
      expect((await release('v1.1.0')).code).toBe(0);
      const pre = await release('v1.2.0-rc.1');
      expect(pre.code).toBe(0);
      expect(pre.outputs.tags).toBe(`${proxy.host}/acme/rel-b:1.2.0-rc.1`);
      expect(await versionOf('rel-b', 'latest')).toBe('1.1.0');

      const older = await release('v1.0.5');
      expect(older.code, older.stdout).toBe(0);
      expect(older.outputs.tags?.split('\n')).toEqual([`${proxy.host}/acme/rel-b:1.0.5`, `${proxy.host}/acme/rel-b:1.0`]);
      expect(await versionOf('rel-b', 'latest')).toBe('1.1.0');
      expect(await versionOf('rel-b', '1')).toBe('1.1.0');
      expect(await versionOf('rel-b', '1.0')).toBe('1.0.5');
      expect(await listTags(`${registry.host}/acme/rel-b`)).toEqual(['1', '1.0', '1.0.5', '1.1', '1.1.0', '1.2.0-rc.1', 'latest']);
    });

    it('latest: false never tags latest; latest: true always does', async () => {
      const off = await run('rel-c', 'push', 'refs/tags/v2.0.0', fixture('push-tag'), {}, { latest: 'false' });
      expect(await listTags(`${registry.host}/acme/rel-c`)).toEqual(['2', '2.0', '2.0.0']);
      expect(off.code).toBe(0);
      await run('rel-c', 'push', 'refs/tags/v2.1.0-beta.1', fixture('push-tag'), {}, { latest: 'true' });
      expect(await versionOf('rel-c', 'latest')).toBe('2.1.0-beta.1');
    });
  });

  describe('pull requests', () => {
    it('publishes pr-<n> and sha-<head>, and keeps exactly one comment, updated on the next push', async () => {
      const payload = fixture('pull-request');
      const first = await run('preview', 'pull_request', 'refs/pull/42/merge', payload);
      expect(first.code, first.stdout).toBe(0);
      expect(await listTags(`${registry.host}/acme/preview`)).toEqual(['pr-42', 'sha-0123456']);
      expect(api.comments).toHaveLength(1);
      const body = api.comments[0]!.body;
      expect(body).toContain(`<!-- wasm-oci-publish:${proxy.host}/acme/preview -->`);
      expect(body).toContain(`wkg oci pull ${proxy.host}/acme/preview@${first.outputs.digest} -o app.wasm`);
      expect(body).toContain(`\`${proxy.host}/acme/preview:pr-42\``);
      expect(api.requests.every((r) => r.authorization === `token ${TOKEN}`)).toBe(true);

      const manifest = JSON.parse(await rawManifest(`${registry.host}/acme/preview:pr-42`));
      expect(manifest.annotations).toMatchObject({
        'dev.wasm-oci-publish.pull-request': '42',
        'dev.wasm-oci-publish.head-sha': '0123456789abcdef0123456789abcdef01234567',
        'org.opencontainers.image.url': 'https://github.com/acme/hello',
        'org.opencontainers.image.revision': MERGE_SHA,
      });

      const pushed = {
        ...payload,
        pull_request: { ...(payload.pull_request as object), head: { sha: 'abcdef0123456789abcdef0123456789abcdef01', repo: { full_name: 'acme/hello' } } },
      };
      api.requests.length = 0;
      const second = await run('preview', 'pull_request', 'refs/pull/42/merge', pushed);
      expect(second.code).toBe(0);
      expect(api.comments).toHaveLength(1);
      expect(api.comments[0]!.body).toContain(second.outputs.digest);
      expect(api.comments[0]!.body).toContain('for abcdef0');
      expect(api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'POST /graphql',
        'GET /repos/acme/hello/issues/42/comments',
        `PATCH /repos/acme/hello/issues/comments/${api.comments[0]!.id}`,
      ]);
    });

    it('a smoke run that fails says so in the comment and pushes nothing; the next push that passes replaces it', async () => {
      const payload = { ...fixture('pull-request'), number: 44, pull_request: { ...(fixture('pull-request').pull_request as object), number: 44 } };
      const smoke = (component: string) =>
        run('smoked', 'pull_request', 'refs/pull/44/merge', payload, {}, { component, smoke: 'true', 'smoke-runtime': 'jco' });
      const failed = await smoke(await cliComponentFile('trap'));
      expect(failed.code).not.toBe(0);
      expect(proxy.requests).toEqual([]);
      const onPr = () => api.comments.filter((c) => c.issue === 44);
      expect(onPr()).toHaveLength(1);
      expect(onPr()[0]!.body).toContain(`<!-- wasm-oci-publish:${proxy.host}/acme/smoked -->`);
      expect(onPr()[0]!.body).toContain('### Wasm component preview not published');
      expect(onPr()[0]!.body).toMatch(/Smoke run: failed \(trapped \\\(exit code 134\\\)\) with jco/); // escaped as Markdown text
      expect(onPr()[0]!.body).toContain('    about to trap!');

      const passed = await smoke(await cliComponentFile('args'));
      expect(passed.code, passed.stdout).toBe(0);
      expect(onPr()).toHaveLength(1);
      expect(onPr()[0]!.body).toContain(passed.outputs.digest);
      expect(onPr()[0]!.body).toMatch(/Smoke run: passed with jco .* in \d+ ms \(exit code 0\)/);
    });

    it("never edits someone else's comment that carries the marker: it writes its own", async () => {
      const marker = `<!-- wasm-oci-publish:${proxy.host}/acme/squatted -->`;
      api.comments.push({ id: 7, issue: 43, body: `${marker}\n[Download the preview](https://evil.example)`, user: 'mallory' });
      const payload = { ...fixture('pull-request'), number: 43, pull_request: { ...(fixture('pull-request').pull_request as object), number: 43 } };
      for (let push = 0; push < 2; push++) {
        const r = await run('squatted', 'pull_request', 'refs/pull/43/merge', payload);
        expect(r.code, r.stdout).toBe(0);
      }
      const onPr = api.comments.filter((c) => c.issue === 43);
      expect(onPr.map((c) => c.user)).toEqual(['mallory', 'github-actions[bot]']);
      expect(onPr[0]!.body).toContain('evil.example'); // untouched
      expect(onPr[1]!.body).toContain(marker);
    });

    it('a comment that cannot be written is a warning, and the step stays green', async () => {
      api.failWith = 403;
      const r = await run('preview-403', 'pull_request', 'refs/pull/42/merge', fixture('pull-request'));
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/::warning::Could not comment on pull request #42 \(HTTP 403\).*pull-requests: write/);
    });

    it.each([
      ['a fork', 'pull-request-fork', 'octocat', /this pull request comes from a fork/],
      ['Dependabot', 'pull-request', 'dependabot[bot]', /this run was started by Dependabot/],
    ])('from %s: green, a notice saying why, an OCI layout, nothing sent to the registry', async (_, payload, actor, why) => {
      const r = await run('fork', 'pull_request', 'refs/pull/7/merge', fixture(payload), { GITHUB_ACTOR: actor });
      expect(r.code, r.stdout).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`::notice::Not pushing: ${why.source}.*workflow_run.*pull_request_target`));
      expect(proxy.requests).toEqual([]);
      expect(api.requests).toEqual([]);
      const layout = r.outputs['oci-layout'] ?? '';
      expect(existsSync(join(layout, 'index.json'))).toBe(true);
      expect(r.outputs.tags).toBe('');
      expect(r.summary).toMatch(/not pushed \(this .*\)/);
    });
  });

  describe('other events', () => {
    it('a branch push: the branch and sha-<7>', async () => {
      const r = await run('branch', 'push', 'refs/heads/feature/x', fixture('push-branch'));
      expect(r.code).toBe(0);
      expect(await listTags(`${registry.host}/acme/branch`)).toEqual(['feature-x', 'sha-1111111']);
    });
    it('workflow_dispatch: sha-<7>, no comment', async () => {
      const r = await run('dispatch', 'workflow_dispatch', 'refs/heads/main', fixture('workflow-dispatch'));
      expect(r.code).toBe(0);
      expect(await listTags(`${registry.host}/acme/dispatch`)).toEqual(['sha-1111111']);
      expect(api.requests).toEqual([]);
    });
  });
});
