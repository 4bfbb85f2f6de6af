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
import { closedPullRequest } from '../helpers/events.js';
import { RepositoryClient } from '../../src/oci/repository.js';
import { parseRepository } from '../../src/oci/reference.js';

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
      payload: { action: 'closed', pull_request: { number: 7, merged: true, head: { sha: sha('c') } } },
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
});
