// The bundled action's failures: each exits non-zero with one clear line, pushes nothing, and no secret
// reaches a log even with debug logging on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryForSuite, startRegistry, TEST_CREDENTIALS, type TestRegistry } from '../helpers/registry.js';
import { errorMessage, runAction, visibleOutput } from '../helpers/action.js';
import { helloComponentFile, tmp } from '../helpers/components.js';
import { listTags } from '../helpers/skopeo.js';

describe('failures of the bundled action', () => {
  let registry: TestRegistry;
  let component: string;
  beforeAll(async () => {
    registry = await startRegistry('token');
    component = await helloComponentFile();
  });
  afterAll(() => registry.stop());

  const base = () => ({ component, image: `${registry.host}/acme/fail`, tags: 'v1', username: TEST_CREDENTIALS.username, password: TEST_CREDENTIALS.password });

  it('masks the password and every token, even with debug logging', async () => {
    const run = await runAction({ inputs: { ...base(), image: `${registry.host}/acme/masked` }, env: { RUNNER_DEBUG: '1' } });
    expect(run.code, run.stdout).toBe(0);
    expect(registry.tokenServer!.issued.length).toBeGreaterThan(0);
    expect(run.stdout).toContain(`::add-mask::${TEST_CREDENTIALS.password}`);
    for (const token of registry.tokenServer!.issued) expect(run.stdout).toContain(`::add-mask::${token}`);
    const seen = visibleOutput(run);
    expect(seen).toContain('::debug::'); // debug logging was on
    for (const secret of [TEST_CREDENTIALS.password, ...registry.tokenServer!.issued]) expect(seen).not.toContain(secret);
  });

  it("a wrong password: exit 1, the registry's refusal, no secret, nothing pushed", async () => {
    const run = await runAction({ inputs: { ...base(), password: 'wrong-password-123' }, env: { RUNNER_DEBUG: '1' } });
    expect(run.code).toBe(1);
    expect(errorMessage(run)).toMatch(/token request failed: HTTP 401/);
    expect(visibleOutput(run)).not.toContain('wrong-password-123');
    await expect(listTags(`${registry.host}/acme/fail`, registry)).rejects.toThrow();
  });

  it.each([
    ['a missing file', { component: '/nonexistent/x.wasm' }, /component file \/nonexistent\/x\.wasm does not exist/],
    ['no component and no crate', { component: '' }, /there is no Cargo\.toml in \.: set "working-directory" to the crate, or give a prebuilt "component"/],
    ['no component with build: none', { component: '', build: 'none' }, /input "component" is required when "build" is none/],
    ['an unknown build mode', { build: 'make' }, /input "build" must be auto, cargo-component, cargo or none/],
    ['an image with upper case', { image: 'ghcr.io/Acme/hello' }, /input "image":.*lower case/],
    ['an image with a scheme', { image: 'https://ghcr.io/acme/hello' }, /input "image":.*must not have a scheme/],
    ['a tag that breaks the grammar', { tags: 'v1, bad*tag' }, /input "tags": tag "bad\*tag" is not valid/],
    ['an image where a tag should be', { tags: 'v1, bad/tag' }, /input "tags": "bad\/tag" names an image but no tag/],
    ['a 129-character tag', { tags: 'a'.repeat(129) }, /129 characters long/],
    ['an annotation without =', { annotations: 'org.example.ok=1\nno-equals-sign' }, /input "annotations", line 2: expected key=value/],
    ['a non-boolean push', { push: 'maybe' }, /input "push" must be true or false/],
  ])('%s', async (_, inputs, message) => {
    const run = await runAction({ inputs: { ...base(), ...inputs } });
    expect(run.code).toBe(1);
    expect(errorMessage(run)).toMatch(message);
  });

  it('a file that is not Wasm', async () => {
    const path = join(tmp('notwasm'), 'app.wasm');
    writeFileSync(path, '#!/bin/sh\necho hi\n');
    const run = await runAction({ inputs: { ...base(), component: path } });
    expect(run.code).toBe(1);
    expect(errorMessage(run)).toMatch(/app\.wasm is not a WebAssembly binary/);
  });
});

describe('credentials from ~/.docker/config.json', () => {
  const registry = registryForSuite('htpasswd');

  it('are used when no password is given (as after docker/login-action)', async () => {
    const dockerConfig = tmp('docker-config');
    mkdirSync(dockerConfig, { recursive: true });
    const auth = Buffer.from(`${TEST_CREDENTIALS.username}:${TEST_CREDENTIALS.password}`).toString('base64');
    writeFileSync(join(dockerConfig, 'config.json'), JSON.stringify({ auths: { [`http://${registry.host}`]: { auth } } }));
    const run = await runAction({
      inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/from-config`, tags: 'v1', password: '' },
      env: { DOCKER_CONFIG: dockerConfig, RUNNER_DEBUG: '1' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(await listTags(`${registry.host}/acme/from-config`, registry)).toContain('v1');
    expect(visibleOutput(run)).not.toContain(TEST_CREDENTIALS.password);
  });

  it('without them the registry refuses, and the message says so', async () => {
    const run = await runAction({ inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/anon`, tags: 'v1', password: '' } });
    expect(run.code).toBe(1);
    expect(errorMessage(run)).toMatch(/asks for a user name and password and none was given/);
  });
});

describe("the default GITHUB_TOKEN and a registry that is not GitHub's", () => {
  const registry = registryForSuite('token');

  it('is never sent there: a notice says why, and the registry sees no credentials', async () => {
    const token = 'ghs_0123456789abcdefghijklmnopqrstuvwxyzAB';
    const run = await runAction({
      inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/x`, tags: 'v1', username: 'octocat', password: token },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::notice::Not sending the GitHub token in "password" to 127\.0\.0\.1/);
    expect(registry.tokenServer!.requests.length).toBeGreaterThan(0);
    expect(registry.tokenServer!.requests.every((r) => r.authorization === undefined)).toBe(true);
    expect(visibleOutput(run)).not.toContain(token);
  });
});
