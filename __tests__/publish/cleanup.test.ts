// When a run cleans up instead of publishing, and which images it cleans.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupImages, registryVersions } from '../../src/publish/cleanup.js';
import { RepositoryClient } from '../../src/oci/repository.js';
import { parseRepository } from '../../src/oci/reference.js';
import { answer, startScriptedServer } from '../helpers/scripted-server.js';
import { cleanupMarkdown } from '../../src/github/cleanup-report.js';
import { readSettings, type Settings } from '../../src/inputs.js';
import { closedPullRequest } from '../helpers/events.js';
import { tmp } from '../helpers/components.js';

const settings = (inputs: Record<string, string>, e = closedPullRequest): Settings => readSettings((n) => inputs[n] ?? '', e);

describe('cleanupImages', () => {
  it("is the image input, else the file's or the crate's default name", async () => {
    expect((await cleanupImages(settings({ image: 'r.example/a/b' }), closedPullRequest)).map((r) => `${r.registry}/${r.name}`)).toEqual(['r.example/a/b']);
    expect((await cleanupImages(settings({ component: 'out/Hello.wasm' }), closedPullRequest)).map((r) => r.name)).toEqual(['acme/hello']);
    const crate = tmp('crate');
    mkdirSync(join(crate, 'src'));
    writeFileSync(join(crate, 'Cargo.toml'), '[package]\nname = "my-app"\nversion = "0.1.0"\n');
    expect((await cleanupImages(settings({ 'working-directory': crate }), closedPullRequest)).map((r) => r.name)).toEqual(['acme/my-app']);
  });
});

describe('cleanupMarkdown', () => {
  it('lists what was removed and kept, escaped, and says when nothing was found', () => {
    const md = cleanupMarkdown(7, [
      {
        image: 'ghcr.io/acme/app',
        removed: [{ digest: 'sha256:aa', tags: [], what: 'referrer' }],
        kept: [{ digest: 'sha256:bb', tags: ['v1.0.0'], why: 'also tagged v1.0.0' }],
      },
      { image: 'r.example/acme/app', removed: [], kept: [], unsupported: 'the registry does not delete manifests' },
    ]);
    expect(md).toContain('| removed | `sha256:aa` | untagged | referrer |');
    expect(md).toContain('| kept | `sha256:bb` | `v1.0.0` | also tagged v1\\.0\\.0 |');
    expect(md).toContain('No preview of this pull request was found.');
    expect(md).toContain('> [!WARNING]\n> the registry does not delete manifests');
  });
});

describe('untagging', () => {
  it('any refusal of a DELETE by tag means the tag stays, not a failure (tag deletion is optional in the spec)', async () => {
    const server = await startScriptedServer((_, res) => answer(res, 400, {}, { errors: [{ code: 'DIGEST_INVALID', message: 'not a digest' }] }));
    const c = new RepositoryClient(parseRepository(`${server.host}/acme/app`), { plainHttp: true });
    expect(await registryVersions(c).untag('pr-7')).toBe(false);
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE /v2/acme/app/manifests/pr-7']);
    await c.close();
    await server.stop();
  });
});

describe('registryVersions.list', () => {
  /** A registry of `count` tags, t0…, where t3 and t4 share a manifest and t5 has none; HEADs answer after 30 ms, a refusal at once. */
  async function registryOfTags(count: number, failAt?: string) {
    let inFlight = 0;
    let mostInFlight = 0;
    const digestOf = (tag: string) => `sha256:${(tag === 't4' ? 't3' : tag).padStart(64, '0').replace(/[^0-9a-f]/g, 'a')}`;
    const server = await startScriptedServer((req, res) => {
      if (req.url.startsWith('/v2/acme/app/tags/list'))
        return answer(res, 200, {}, { name: 'acme/app', tags: Array.from({ length: count }, (_, i) => `t${i}`) });
      const tag = req.url.split('/').pop()!;
      if (tag === failAt) return answer(res, 403, {}, { errors: [{ code: 'DENIED', message: 'no' }] }); // at once
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (tag === 't5') return answer(res, 404);
        answer(res, 200, { 'docker-content-digest': digestOf(tag) });
      }, 30);
    });
    const client = new RepositoryClient(parseRepository(`${server.host}/acme/app`), { plainHttp: true });
    return { server, client, digestOf, mostInFlight: () => mostInFlight };
  }

  it('resolves the tags eight at a time, grouping the tags of one manifest in list order', async () => {
    const { server, client, digestOf, mostInFlight } = await registryOfTags(40);
    const versions = await registryVersions(client).list();
    expect(versions).toHaveLength(38); // 40 tags, t3 and t4 one manifest, t5 none
    expect(versions.find((v) => v.digest === digestOf('t3'))?.tags).toEqual(['t3', 't4']);
    expect(versions.map((v) => v.tags[0])).toEqual(['t0', 't1', 't2', 't3', ...Array.from({ length: 34 }, (_, i) => `t${i + 6}`)]);
    expect(mostInFlight()).toBe(8);
    await client.close();
    await server.stop();
  });

  it('fails as the first refused HEAD does, and starts no HEAD after it', async () => {
    const { server, client } = await registryOfTags(40, 't2');
    await expect(registryVersions(client).list()).rejects.toThrow(/403/);
    await new Promise((settled) => setTimeout(settled, 200)); // what was still running has answered by now
    const heads = server.requests.filter((r) => r.method === 'HEAD').length;
    // The first eight; t2's refusal comes at once, the others' answers 30 ms later, so no worker has started
    // another by then (at most one each, were the machine slow enough); without the stop, all 40.
    expect(heads).toBeLessThanOrEqual(8 + 7);
    await client.close();
    await server.stop();
  });
});
