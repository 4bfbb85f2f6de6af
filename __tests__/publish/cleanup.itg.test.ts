// Cleaning up a closed pull request's previews, published by the action itself to a real registry: three
// pushes of pull request 7 (each with its SBOM under a sha256-<hex> fallback index), one of pull request 8,
// and the second preview promoted to a release tag. After the cleanup exactly the preview-only versions of
// pull request 7 and their referrers are gone: through GitHub's Packages API (a loopback stand-in in front of
// the registry) for a GHCR image, through the registry's own API for another, and with a warning where the
// registry refuses deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { ROOT, runAction } from '../helpers/action.js';
import { startGitHubApi, type GitHubApi } from '../helpers/github-api.js';
import { helloComponentFile } from '../helpers/components.js';
import { listTags } from '../helpers/skopeo.js';
import { join } from 'node:path';
import { cleanupImages, cleanUpPullRequest } from '../../src/publish/cleanup.js';
import { readSettings } from '../../src/inputs.js';
import { closedPullRequest, event } from '../helpers/events.js';
import { RepositoryClient } from '../../src/oci/repository.js';
import { parseRepository } from '../../src/oci/reference.js';
import { answer, startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { cleanupMarkdown } from '../../src/github/cleanup-report.js';

const sha = (c: string) => c.repeat(40);

interface Pushed {
  digest: string;
  sbom: string;
}

/** One preview push of `pr` at head `head`, as the pull_request event runs the action. */
async function preview(registry: TestRegistry, repository: string, component: string, pr: number, head: string): Promise<Pushed> {
  const run = await runAction({
    inputs: { component, image: `${registry.host}/${repository}`, 'pr-comment': 'false', sign: 'false' },
    env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: `refs/pull/${pr}/merge`, GITHUB_REPOSITORY: 'acme/app', SOURCE_DATE_EPOCH: '1700000000' },
    payload: { pull_request: { number: pr, head: { sha: head, repo: { full_name: 'acme/app' } }, base: { repo: { full_name: 'acme/app' } } } },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return { digest: run.outputs.digest!, sbom: run.outputs['sbom-digest']! };
}

/** A release tag on a preview's manifest, as `oras tag` or a promotion job puts one. */
async function tag(registry: TestRegistry, repository: string, digest: string, name: string): Promise<void> {
  const accept = 'application/vnd.oci.image.manifest.v1+json';
  const manifest = await fetch(`http://${registry.host}/v2/${repository}/manifests/${digest}`, { headers: { accept } });
  const put = await fetch(`http://${registry.host}/v2/${repository}/manifests/${name}`, {
    method: 'PUT',
    headers: { 'content-type': accept },
    body: await manifest.text(),
  });
  expect(put.status).toBe(201);
}

/** Pull request 7 three times (the second promoted to v1.0.0), pull request 8 once. */
async function seed(registry: TestRegistry, repository: string) {
  const component = await helloComponentFile();
  const p7 = [
    await preview(registry, repository, component, 7, sha('a')),
    await preview(registry, repository, component, 7, sha('b')),
    await preview(registry, repository, component, 7, sha('c')),
  ];
  const p8 = await preview(registry, repository, component, 8, sha('d'));
  await tag(registry, repository, p7[1]!.digest, 'v1.0.0');
  return { p7, p8 };
}

const fallback = (digest: string) => digest.replace(':', '-');

describe('cleaning up a closed pull request', () => {
  let registry: TestRegistry;
  let api: GitHubApi;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    api = await startGitHubApi();
  });
  afterAll(async () => {
    await api.stop();
    await registry.stop();
  });

  it("on GHCR, through GitHub's Packages API: the preview-only versions and their referrers go, the promoted one stays", async () => {
    const { p7, p8 } = await seed(registry, 'acme/app');
    const tracked = [...p7, p8].flatMap((p) => [p.digest, p.sbom]);
    api.package = { owner: 'acme', name: 'app', registry: registry.host, repository: 'acme/app', track: new Set(tracked), deleteAnswers: [] };
    const client = () => Promise.resolve(new RepositoryClient(parseRepository(`${registry.host}/acme/app`), { plainHttp: true }));
    const lines: string[] = [];
    const io = { open: client, info: (l: string) => lines.push(l), warning: (l: string) => lines.push(`warning: ${l}`) };
    const github = { token: 'ghs_token', apiUrl: api.url, serverUrl: 'https://github.com', ownerIsOrganization: true };

    // A token without the package's admin role: GitHub says 403, the step says what to grant.
    api.package.deleteAnswers = [403];
    await expect(cleanUpPullRequest([parseRepository('ghcr.io/acme/app')], 7, github, io)).rejects.toThrow(
      /GitHub refused to delete version \d+ of acme\/app \(403\): deleting a GHCR package version needs "permissions: packages: write"/,
    );

    // A schedule's payload does not say whether the owner is an organization: GitHub is asked.
    const [result] = await cleanUpPullRequest([parseRepository('ghcr.io/acme/app')], 7, { ...github, ownerIsOrganization: undefined }, io);
    expect(api.requests.some((r) => r.method === 'GET' && r.path === '/users/acme')).toBe(true);
    expect(result!.removed.map((r) => [r.digest, r.what]).sort()).toEqual(
      [
        [p7[0]!.sbom, 'referrer'],
        [p7[2]!.sbom, 'referrer'],
        [p7[0]!.digest, 'preview'],
        [p7[2]!.digest, 'preview'],
        // the fallback indexes, whose digests the stand-in knows by their tags
        ...result!.removed.filter((r) => r.what === 'referrers index').map((r) => [r.digest, r.what]),
      ].sort(),
    );
    expect(result!.removed.filter((r) => r.what === 'referrers index').map((r) => r.tags)).toEqual(
      expect.arrayContaining([[fallback(p7[0]!.digest)], [fallback(p7[2]!.digest)]]),
    );
    expect(result!.kept).toEqual([{ digest: p7[1]!.digest, tags: expect.arrayContaining(['v1.0.0']) as string[], why: 'also tagged v1.0.0' }]);
    expect((await listTags(`${registry.host}/acme/app`)).sort()).toEqual(
      ['pr-8', 'sha-bbbbbbb', 'sha-ddddddd', 'v1.0.0', fallback(p7[1]!.digest), fallback(p8.digest)].sort(),
    );
    expect(api.requests.filter((r) => r.method === 'DELETE').every((r) => r.path.startsWith('/orgs/acme/packages/container/app/versions/'))).toBe(true);
  });

  it("on GHCR, a package that held only the pull request's preview goes as a whole (GitHub keeps a package's last version)", async () => {
    const component = await helloComponentFile();
    const only = await preview(registry, 'acme/only', component, 9, sha('e'));
    api.package = {
      owner: 'acme',
      name: 'only',
      registry: registry.host,
      repository: 'acme/only',
      track: new Set([only.digest, only.sbom]),
      deleteAnswers: [],
    };
    const open = () => Promise.resolve(new RepositoryClient(parseRepository(`${registry.host}/acme/only`), { plainHttp: true }));
    const github = { token: 'ghs_token', apiUrl: api.url, serverUrl: 'https://github.com', ownerIsOrganization: true };
    const [result] = await cleanUpPullRequest([parseRepository('ghcr.io/acme/only')], 9, github, { open, info: () => undefined, warning: () => undefined });
    expect(result!.removed.map((r) => r.what)).toEqual(['referrer', 'referrers index', 'preview']);
    expect(api.package.deletedWhole).toBe(true);
    expect(await listTags(`${registry.host}/acme/only`)).toEqual([]);
  });

  it('elsewhere, through the registry: the closed event runs the action, which builds nothing and outputs what it removed', async () => {
    const { p7, p8 } = await seed(registry, 'acme/plain');
    const run = await runAction({
      inputs: { component: 'not-built.wasm', image: `${registry.host}/acme/plain` },
      env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge', GITHUB_REPOSITORY: 'acme/app' },
      payload: {
        action: 'closed',
        pull_request: { number: 7, merged: true, head: { sha: sha('c'), repo: { full_name: 'acme/app' } }, base: { repo: { full_name: 'acme/app' } } },
      },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const removed = run.outputs.removed!.split('\n');
    expect(removed).toHaveLength(6); // two previews, their SBOMs and their fallback indexes
    expect(removed).toEqual(expect.arrayContaining([p7[0]!.digest, p7[2]!.digest, p7[0]!.sbom, p7[2]!.sbom].map((d) => `${registry.host}/acme/plain@${d}`)));
    expect(run.summary).toContain('## Previews of pull request #7 cleaned up');
    expect(run.summary).toContain(`| kept | \`${p7[1]!.digest}\` | \`sha-bbbbbbb\` \`v1.0.0\` | also tagged v1\\.0\\.0 |`);
    expect((await listTags(`${registry.host}/acme/plain`)).sort()).toEqual(
      ['pr-8', 'sha-bbbbbbb', 'sha-ddddddd', 'v1.0.0', fallback(p7[1]!.digest), fallback(p8.digest)].sort(),
    );
  });

  it('the action with cleanup: dry-run and pr-number (a scheduled run) lists what it would remove and deletes nothing', async () => {
    const { p7 } = await seed(registry, 'acme/dry');
    const before = (await listTags(`${registry.host}/acme/dry`)).sort();
    const run = await runAction({
      inputs: { component: 'not-built.wasm', image: `${registry.host}/acme/dry`, cleanup: 'dry-run', 'pr-number': '7' },
      env: { GITHUB_EVENT_NAME: 'schedule', GITHUB_REF: 'refs/heads/main', GITHUB_REPOSITORY: 'acme/app' },
      payload: {},
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.removed).toBe('');
    expect(run.summary).toContain('## Previews of pull request #7 to clean up (dry run)');
    expect(run.summary).toContain(`| would remove | \`${p7[0]!.digest}\``);
    expect((await listTags(`${registry.host}/acme/dry`)).sort()).toEqual(before);
  });

  it("the action on a fork's closed pull request: a notice, nothing listed or deleted", async () => {
    await seed(registry, 'acme/forked');
    const before = (await listTags(`${registry.host}/acme/forked`)).sort();
    const run = await runAction({
      inputs: { component: 'not-built.wasm', image: `${registry.host}/acme/forked` },
      env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge', GITHUB_REPOSITORY: 'acme/app' },
      payload: {
        action: 'closed',
        pull_request: { number: 7, head: { sha: sha('c'), repo: { full_name: 'someone/app', fork: true } }, base: { repo: { full_name: 'acme/app' } } },
        repository: { full_name: 'acme/app' },
      },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/::notice::Not cleaning up pull request #7's previews/);
    expect(run.summary).toContain('## Previews of pull request #7 not cleaned up');
    expect((await listTags(`${registry.host}/acme/forked`)).sort()).toEqual(before);
  });

  it('a registry that refuses deletes gets a warning, and the step succeeds', async () => {
    const readOnly = await startRegistry('anonymous', { deletes: false });
    try {
      await seed(readOnly, 'acme/kept');
      const run = await runAction({
        inputs: { component: 'not-built.wasm', image: `${readOnly.host}/acme/kept`, cleanup: 'true', 'pr-number': '7' },
        env: { GITHUB_EVENT_NAME: 'schedule', GITHUB_REPOSITORY: 'acme/app' },
      });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toMatch(/::warning::the registry does not delete manifests \(405 UNSUPPORTED\)/);
      expect(run.outputs.removed).toBe('');
      expect(await listTags(`${readOnly.host}/acme/kept`)).toContain('pr-7');
    } finally {
      await readOnly.stop();
    }
  });

  it("a workspace's {crate} images: every member's, read with cargo metadata (those that publish nothing have no versions)", async () => {
    const inputs: Record<string, string> = { 'working-directory': join(ROOT, '__tests__', 'fixtures', 'crates', 'multi-ws'), image: 'ghcr.io/acme/{crate}' };
    const settings = readSettings((n) => inputs[n] ?? '', closedPullRequest);
    const images = (await cleanupImages(settings, closedPullRequest)).map((r) => `${r.registry}/${r.name}`);
    expect(images.sort()).toEqual(['ghcr.io/acme/alpha', 'ghcr.io/acme/beta', 'ghcr.io/acme/common']);
  });

  const openOn = (repository: string) => () => Promise.resolve(new RepositoryClient(parseRepository(`${registry.host}/${repository}`), { plainHttp: true }));
  const quiet = (repository: string, lines: string[] = []) => ({
    open: openOn(repository),
    info: (l: string) => lines.push(l),
    warning: (l: string) => lines.push(`warning: ${l}`),
    notice: (l: string) => lines.push(`notice: ${l}`),
  });
  /** Cleaning `repository` of this registry through the registry's own API (not GHCR). */
  const plainImage = (repository: string) => parseRepository(`${registry.host}/${repository}`);
  const notGhcr = { token: 'ghs_token', serverUrl: 'https://github.com' };

  it('a preview that also carries a sha- tag of another commit is kept; its own sha- tag does not keep it', async () => {
    const component = await helloComponentFile();
    const first = await preview(registry, 'acme/shared', component, 7, sha('a'));
    const last = await preview(registry, 'acme/shared', component, 7, sha('c'));
    // A promotion by commit (docker/metadata-action's type=sha of the merge commit) on the first preview.
    await tag(registry, 'acme/shared', first.digest, 'sha-1234567');
    const [result] = await cleanUpPullRequest([plainImage('acme/shared')], 7, notGhcr, quiet('acme/shared'));
    expect(result!.kept).toEqual([
      { digest: first.digest, tags: expect.arrayContaining(['sha-1234567', 'sha-aaaaaaa']) as string[], why: 'also tagged sha-1234567' },
    ]);
    expect(result!.removed.filter((r) => r.what === 'preview')).toEqual([
      { digest: last.digest, tags: expect.arrayContaining(['pr-7', 'sha-ccccccc']) as string[], what: 'preview' },
    ]);
    expect((await listTags(`${registry.host}/acme/shared`)).sort()).toEqual(['sha-1234567', 'sha-aaaaaaa', fallback(first.digest)].sort());
  });

  it("a fork's pull_request run skips the cleanup with a notice: nothing is listed or deleted (its token is read-only)", async () => {
    const component = await helloComponentFile();
    const only = [await preview(registry, 'acme/fork', component, 7, sha('a')), await preview(registry, 'acme/fork', component, 7, sha('b'))];
    api.package = {
      owner: 'acme',
      name: 'fork',
      registry: registry.host,
      repository: 'acme/fork',
      track: new Set(only.flatMap((p) => [p.digest, p.sbom])),
      deleteAnswers: [],
    };
    const github = { token: 'ghs_read_only', apiUrl: api.url, serverUrl: 'https://github.com', ownerIsOrganization: true };
    const tagsBefore = (await listTags(`${registry.host}/acme/fork`)).sort();
    const requestsBefore = api.requests.length;
    const fork = event({ eventName: 'pull_request', action: 'closed', prNumber: 7, fromFork: true });
    const lines: string[] = [];
    const results = await cleanUpPullRequest(
      [parseRepository('ghcr.io/acme/fork'), plainImage('acme/fork')],
      7,
      { ...github, event: fork },
      quiet('acme/fork', lines),
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /^notice: Not cleaning up pull request #7's previews: this pull request comes from a fork, and GitHub gives such runs a read-only token/,
      ),
    ]);
    expect(results.map((r) => [r.removed.length, r.kept.length, r.skipped !== undefined])).toEqual([
      [0, 0, true],
      [0, 0, true],
    ]);
    expect(cleanupMarkdown(7, results)).toContain('## Previews of pull request #7 not cleaned up');
    expect(api.requests.length).toBe(requestsBefore);
    expect((await listTags(`${registry.host}/acme/fork`)).sort()).toEqual(tagsBefore);

    // pull_request_target runs with the base repository's token: the same fork's pull request is cleaned up.
    const [target] = await cleanUpPullRequest(
      [parseRepository('ghcr.io/acme/fork')],
      7,
      { ...github, event: { ...fork, eventName: 'pull_request_target' } },
      quiet('acme/fork'),
    );
    expect(
      target!.removed
        .filter((r) => r.what === 'preview')
        .map((r) => r.digest)
        .sort(),
    ).toEqual(only.map((p) => p.digest).sort());
  });

  it('a dry run lists what would be removed and kept, and deletes or untags nothing, on GHCR and elsewhere', async () => {
    const { p7 } = await seed(registry, 'acme/dry');
    api.package = {
      owner: 'acme',
      name: 'dry',
      registry: registry.host,
      repository: 'acme/dry',
      track: new Set(p7.flatMap((p) => [p.digest, p.sbom])),
      deleteAnswers: [],
    };
    const github = { token: 'ghs_token', apiUrl: api.url, serverUrl: 'https://github.com', ownerIsOrganization: true };
    const tagsBefore = (await listTags(`${registry.host}/acme/dry`)).sort();
    const requestsBefore = api.requests.length;
    const lines: string[] = [];
    const results = await cleanUpPullRequest([parseRepository('ghcr.io/acme/dry'), plainImage('acme/dry')], 7, github, quiet('acme/dry', lines), {
      dryRun: true,
    });
    for (const r of results) {
      expect(r.dryRun).toBe(true);
      expect(
        r.removed
          .map((x) => [x.digest, x.what])
          .filter(([, what]) => what !== 'referrers index')
          .sort(),
      ).toEqual(
        [
          [p7[0]!.digest, 'preview'],
          [p7[2]!.digest, 'preview'],
          [p7[0]!.sbom, 'referrer'],
          [p7[2]!.sbom, 'referrer'],
        ].sort(),
      );
      expect(r.removed.filter((x) => x.what === 'referrers index')).toHaveLength(2);
      expect(r.kept.map((k) => k.digest)).toEqual([p7[1]!.digest]);
    }
    expect(api.requests.slice(requestsBefore).filter((r) => r.method === 'DELETE')).toEqual([]);
    expect((await listTags(`${registry.host}/acme/dry`)).sort()).toEqual(tagsBefore);
    expect(lines.filter((l) => l.startsWith('would remove '))).toHaveLength(12);
    const md = cleanupMarkdown(7, results);
    expect(md).toContain('## Previews of pull request #7 to clean up (dry run)');
    expect(md).toContain(`| would remove | \`${p7[0]!.digest}\` | \`sha-aaaaaaa\` | preview |`);
    expect(md).toContain(`| kept | \`${p7[1]!.digest}\``);
  });

  describe("GitHub's Packages API listing, hostile (a stand-in answering the list, the registry the manifests)", () => {
    /** Two previews of pull request 7 (heads a and b), as GitHub lists them: each manifest with its tags, ids 1… */
    let real: Array<{ id: number; name: string; metadata: { container: { tags: string[] } } }>;
    beforeAll(async () => {
      const component = await helloComponentFile();
      const pushed = [await preview(registry, 'acme/many', component, 7, sha('a')), await preview(registry, 'acme/many', component, 7, sha('b'))];
      const base = `http://${registry.host}/v2/acme/many`;
      const tagged = new Map<string, string[]>();
      for (const t of ((await (await fetch(`${base}/tags/list`)).json()) as { tags: string[] }).tags) {
        const head = await fetch(`${base}/manifests/${t}`, {
          method: 'HEAD',
          headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json' },
        });
        const d = head.headers.get('docker-content-digest')!;
        tagged.set(d, [...(tagged.get(d) ?? []), t]);
      }
      const digests = [...new Set([...pushed.map((p) => p.sbom), ...tagged.keys()])];
      real = digests.map((d, i) => ({ id: i + 1, name: d, metadata: { container: { tags: tagged.get(d) ?? [] } } }));
      expect(real).toHaveLength(6); // two previews, their SBOMs, their fallback indexes
    });
    /** Another pull request's preview: never read, never removed. */
    const filler = (id: number) => ({ id, name: `sha256:${id.toString(16).padStart(64, '0')}`, metadata: { container: { tags: [`pr-${id}`] } } });

    /** The Packages API answering each page as `page` says (a list, or a status); DELETEs recorded and answered 204. */
    async function packagesApi(page: (n: number) => unknown[] | number): Promise<ScriptedServer & { gets: () => number; deleted: () => number[] }> {
      const server = await startScriptedServer((req, res) => {
        const url = new URL(req.url, 'http://stand-in');
        const version = /^\/orgs\/acme\/packages\/container\/many\/versions(?:\/(\d+))?$/.exec(url.pathname);
        if (version && req.method === 'GET' && !version[1]) {
          const body = page(Number(url.searchParams.get('page')));
          if (typeof body === 'number') return answer(res, body, { 'content-type': 'application/json' }, { message: 'Server Error' });
          return answer(res, 200, { 'content-type': 'application/json' }, body);
        }
        if (version?.[1] && req.method === 'DELETE') return answer(res, 204);
        answer(res, 404, { 'content-type': 'application/json' }, { message: 'Not Found' });
      });
      return {
        ...server,
        gets: () => server.requests.filter((r) => r.method === 'GET').length,
        deleted: () => server.requests.filter((r) => r.method === 'DELETE').map((r) => Number(r.url.split('/').pop())),
      };
    }
    const cleanWith = (stand: ScriptedServer) =>
      cleanUpPullRequest(
        [parseRepository('ghcr.io/acme/many')],
        7,
        { token: 'ghs_token', apiUrl: `http://${stand.host}`, serverUrl: 'https://github.com', ownerIsOrganization: true },
        quiet('acme/many'),
      );
    const pageOf = (all: unknown[], n: number) => all.slice((n - 1) * 100, n * 100);

    it("a package of 10,000 versions is read to its end (100 pages) and only the pull request's previews and referrers go", async () => {
      // The previews on page 1 and page 73: both are found, and nothing of the 9,994 others is touched.
      const all = [
        ...real.slice(0, 3),
        ...Array.from({ length: 7200 }, (_, i) => filler(100 + i)),
        ...real.slice(3),
        ...Array.from({ length: 2794 }, (_, i) => filler(8000 + i)),
      ];
      const stand = await packagesApi((n) => pageOf(all, n));
      try {
        const [result] = await cleanWith(stand);
        expect(stand.gets()).toBe(101); // 100 full pages, then an empty one
        expect(stand.deleted().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
        expect(result!.removed).toHaveLength(6);
      } finally {
        await stand.stop();
      }
    });

    it('pages that repeat (the same page again) end the listing at the second page with an error, and nothing is deleted', async () => {
      const first = [...real, ...Array.from({ length: 94 }, (_, i) => filler(100 + i))];
      const stand = await packagesApi(() => first);
      try {
        await expect(cleanWith(stand)).rejects.toThrow(
          /listing the versions of acme\/many failed, so nothing in it is deleted: page 2 lists only versions of earlier pages/,
        );
        expect(stand.gets()).toBe(2);
        expect(stand.deleted()).toEqual([]);
      } finally {
        await stand.stop();
      }
    });

    it('pages that go on past 20,000 versions stop at page 200 with an error, and nothing is deleted', async () => {
      // New versions on every page up to page 1,000: without the cap the list would end there, and be acted on.
      const stand = await packagesApi((n) =>
        n === 1
          ? [...real, ...Array.from({ length: 94 }, (_, i) => filler(100 + i))]
          : n <= 1000
            ? Array.from({ length: 100 }, (_, i) => filler(n * 100 + i))
            : [],
      );
      try {
        await expect(cleanWith(stand)).rejects.toThrow(/failed, so nothing in it is deleted: it has more than 20000 versions \(200 pages\)/);
        expect(stand.gets()).toBe(200);
        expect(stand.deleted()).toEqual([]);
      } finally {
        await stand.stop();
      }
    });

    it.each([500, 404])('an answer of %s half way through the listing fails the cleanup, and nothing is deleted (the list is incomplete)', async (status) => {
      const stand = await packagesApi((n) => (n === 1 ? [...real, ...Array.from({ length: 94 }, (_, i) => filler(100 + i))] : status));
      try {
        await expect(cleanWith(stand)).rejects.toThrow(new RegExp(`failed, so nothing in it is deleted: page 2 failed \\(${status}\\)`));
        expect(stand.gets()).toBe(2);
        expect(stand.deleted()).toEqual([]);
      } finally {
        await stand.stop();
      }
    });
  });
});
