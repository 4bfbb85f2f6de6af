// Whether an anonymous client can pull what was pushed, against the real registry: open, behind the token
// flow with and without anonymous pulls (GHCR's public and private packages), and behind Basic auth.
import { afterAll, describe, expect, it } from 'vitest';
import { startRegistry, TEST_CREDENTIALS, type TestRegistry } from '../helpers/registry.js';
import { runAction } from '../helpers/action.js';
import { helloComponentFile } from '../helpers/components.js';
import { anonymousPull } from '../../src/publish/anonymous-pull.js';
import { parseRepository } from '../../src/oci/reference.js';

async function push(registry: TestRegistry): Promise<string> {
  const run = await runAction({
    inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/app`, tags: 'v1', ...TEST_CREDENTIALS, sbom: 'false' },
    env: { SOURCE_DATE_EPOCH: '1700000000', GITHUB_REPOSITORY: 'acme/app' },
  });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return run.outputs.digest!;
}

describe('anonymous pull check', () => {
  const registries: TestRegistry[] = [];
  const start = async (mode: 'anonymous' | 'token' | 'htpasswd') => {
    const r = await startRegistry(mode);
    registries.push(r);
    return r;
  };
  afterAll(async () => Promise.all(registries.map((r) => r.stop())));

  it('a registry that asks nothing: public', async () => {
    const registry = await start('anonymous');
    const digest = await push(registry);
    expect(await anonymousPull(parseRepository(`${registry.host}/acme/app`), digest, { plainHttp: true })).toBe(true);
  });

  it('the token flow: public when anonymous pull tokens are given, private when not; the output says which', async () => {
    const registry = await start('token');
    const digest = await push(registry);
    const repository = parseRepository(`${registry.host}/acme/app`);
    expect(await anonymousPull(repository, digest, { plainHttp: true })).toBe(false);
    registry.tokenServer!.allowAnonymousPull(true);
    expect(await anonymousPull(repository, digest, { plainHttp: true })).toBe(true);
    expect(registry.tokenServer!.requests.filter((r) => !r.authorization).every((r) => decodeURIComponent(r.url).endsWith('acme/app:pull'))).toBe(true);
    registry.tokenServer!.allowAnonymousPull(false);

    const run = await runAction({
      inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/app`, tags: 'v2', ...TEST_CREDENTIALS, sbom: 'false' },
      env: { SOURCE_DATE_EPOCH: '1700000000', GITHUB_REPOSITORY: 'acme/app' },
    });
    expect(run.code).toBe(0);
    expect(run.outputs.public).toBe('false');
    expect(run.stdout).toMatch(new RegExp(`::notice::Anonymous clients cannot pull ${registry.host}/acme/app: pulling it needs credentials`));
  });

  it('Basic auth: private', async () => {
    const registry = await start('htpasswd');
    const digest = await push(registry);
    expect(await anonymousPull(parseRepository(`${registry.host}/acme/app`), digest, { plainHttp: true })).toBe(false);
  });

  it('nothing listening: unknown, never a failure', async () => {
    expect(
      await anonymousPull(parseRepository('127.0.0.1:9/acme/app'), `sha256:${'0'.repeat(64)}`, { plainHttp: true, timeouts: { connectMs: 500 } }),
    ).toBeUndefined();
  });
});
