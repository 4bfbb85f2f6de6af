// The bundled action, end to end, against the real registry in its three auth modes; read back with skopeo.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registryForSuite, startRegistry, TEST_CREDENTIALS, type AuthMode, type TestRegistry } from '../helpers/registry.js';
import { TEST_IDENTITY_TOKEN } from '../helpers/token-server.js';
import { errorMessage, runAction } from '../helpers/action.js';
import { startProxy } from '../helpers/proxy.js';
import { helloComponentFile, tmp, witPackageFile } from '../helpers/components.js';
import { copyToLayout, firstLayerJson, listTags, rawConfig, rawManifest } from '../helpers/skopeo.js';
import { exportSection, PREAMBLE, section, str } from '../helpers/wasm-bytes.js';

const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const EPOCH = '1700000000';

describe.each<AuthMode>(['anonymous', 'htpasswd', 'token'])('push with %s auth', (mode) => {
  let registry: TestRegistry;
  let component: string;
  beforeAll(async () => {
    registry = await startRegistry(mode);
    component = await helloComponentFile();
  });
  afterAll(() => registry.stop());

  const inputs = () => ({
    component,
    image: `${registry.host}/acme/hello`,
    tags: 'v1, latest',
    username: registry.credentials?.username ?? '',
    password: registry.credentials?.password ?? '',
  });

  it('pushes an artifact that reads back byte-identical through skopeo', async () => {
    const run = await runAction({ inputs: inputs(), env: { SOURCE_DATE_EPOCH: EPOCH, GITHUB_REPOSITORY: 'acme/hello', GITHUB_SHA: 'a'.repeat(40) } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const digest = run.outputs.digest ?? '';
    expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Open registry: never asked for credentials, so anyone can pull (no extra request); the others refuse anonymous pulls.
    expect(run.outputs.public).toBe(mode === 'anonymous' ? 'true' : 'false');

    const manifestText = await rawManifest(`${registry.host}/acme/hello:v1`, registry);
    expect(sha256(manifestText)).toBe(digest);
    const manifest = JSON.parse(manifestText);
    expect(manifest.mediaType).toBe('application/vnd.oci.image.manifest.v1+json');
    expect(manifest.config.mediaType).toBe('application/vnd.wasm.config.v0+json');
    expect(manifest.config.digest).toBe(run.outputs['config-digest']);
    expect(manifest.layers).toHaveLength(1);
    expect(manifest.layers[0]).toMatchObject({
      mediaType: 'application/wasm',
      digest: sha256(readFileSync(component)),
      size: readFileSync(component).length,
      annotations: { 'org.opencontainers.image.title': 'hello.wasm' },
    });
    expect(manifest.annotations).toEqual({
      'org.opencontainers.image.created': '2023-11-14T22:13:20Z',
      'org.opencontainers.image.source': 'https://github.com/acme/hello',
      'org.opencontainers.image.url': 'https://github.com/acme/hello',
      'org.opencontainers.image.revision': 'a'.repeat(40),
      'org.opencontainers.image.version': 'v1',
    });

    const configText = await rawConfig(`${registry.host}/acme/hello:v1`, registry);
    expect(sha256(configText)).toBe(run.outputs['config-digest']);
    expect(JSON.parse(configText)).toEqual({
      created: '2023-11-14T22:13:20Z',
      author: null,
      architecture: 'wasm',
      os: 'wasip2',
      layerDigests: [manifest.layers[0].digest],
      component: { exports: ['add', 'acme:hello/greet@0.1.0'], imports: ['wasi:cli/environment@0.2.0'], target: null },
    });

    // The layer bytes themselves, through an independent copy.
    const layout = tmp('readback');
    await copyToLayout(`${registry.host}/acme/hello:latest`, layout, registry);
    const blob = readFileSync(join(layout, 'blobs', 'sha256', manifest.layers[0].digest.slice(7)));
    expect(blob.equals(readFileSync(component))).toBe(true);
    expect(readdirSync(join(layout, 'blobs', 'sha256'))).toContain(digest.slice(7));

    // The SBOM (on by default) adds the referrers fallback tag.
    expect(await listTags(`${registry.host}/acme/hello`, registry)).toEqual(['latest', digest.replace(':', '-'), 'v1']);
    expect(run.outputs.ref).toBe(`${registry.host}/acme/hello@${digest}`);
    expect(run.outputs.tags?.split('\n')).toEqual([`${registry.host}/acme/hello:v1`, `${registry.host}/acme/hello:latest`]);
    expect(JSON.parse(run.outputs.metadata ?? '')).toMatchObject({ digest, size: readFileSync(component).length });
    expect(run.summary).toContain(digest);
  });

  it('re-pushing uploads no blob and gives the same digest', async () => {
    const env = { SOURCE_DATE_EPOCH: EPOCH, GITHUB_REPOSITORY: 'acme/hello', GITHUB_SHA: 'a'.repeat(40) };
    const first = await runAction({ inputs: inputs(), env });
    const second = await runAction({ inputs: inputs(), env });
    expect(second.code, second.stdout).toBe(0);
    expect(second.outputs.digest).toBe(first.outputs.digest);
    expect(second.stdout).toContain('0 blobs uploaded, 2 already present');
  });
});

describe('a release tag push, as GitHub runs it', () => {
  const registry = registryForSuite('anonymous');

  it('publishes the semver tags, created at the commit time, the same digest on every run', async () => {
    // A real checkout: `created` must come from the commit, not the clock.
    const workspace = tmp('workspace');
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: workspace,
        encoding: 'utf8',
        env: { ...process.env, GIT_COMMITTER_DATE: '2026-02-03T04:05:06Z', GIT_AUTHOR_DATE: '2026-02-03T04:05:06Z' },
      }).trim();
    git('init', '-q');
    writeFileSync(join(workspace, 'README'), 'hi');
    git('add', 'README');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'one');
    const sha = git('rev-parse', 'HEAD');
    const component = await helloComponentFile(workspace);
    const action = () =>
      runAction({
        inputs: { component, image: `${registry.host}/acme/release` },
        payload: { ref: 'refs/tags/v1.4.2', repository: { full_name: 'acme/release' } },
        env: { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/tags/v1.4.2', GITHUB_SHA: sha, GITHUB_REPOSITORY: 'acme/release', GITHUB_WORKSPACE: workspace },
      });
    const first = await action();
    expect(first.code, first.stdout).toBe(0);
    expect(await listTags(`${registry.host}/acme/release`)).toEqual(['1', '1.4', '1.4.2', 'latest', (first.outputs.digest ?? '').replace(':', '-')]);
    const manifest = JSON.parse(await rawManifest(`${registry.host}/acme/release:1.4.2`));
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.created': '2026-02-03T04:05:06Z',
      'org.opencontainers.image.version': '1.4.2',
      'org.opencontainers.image.revision': sha,
    });
    const second = await action();
    expect(second.outputs.digest).toBe(first.outputs.digest);
  });
});

describe('SBOM referrer', () => {
  const registry = registryForSuite('anonymous');

  it('lands under the sha256-<hex> tag, once however often the step runs; sbom: false attaches nothing', async () => {
    const component = await helloComponentFile();
    const inputs = { component, image: `${registry.host}/acme/sbom`, tags: 'v1' };
    const env = { SOURCE_DATE_EPOCH: EPOCH };
    const first = await runAction({ inputs, env });
    expect(first.code, first.stdout).toBe(0);
    const sbomDigest = first.outputs['sbom-digest'] ?? '';
    expect(sbomDigest).toMatch(/^sha256:/);
    const fallback = `${registry.host}/acme/sbom:${(first.outputs.digest ?? '').replace(':', '-')}`;
    const index = JSON.parse(await rawManifest(fallback));
    expect(index.manifests).toEqual([
      {
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        digest: sbomDigest,
        size: expect.any(Number),
        artifactType: 'application/vnd.cyclonedx+json',
        annotations: { 'org.opencontainers.image.created': '2023-11-14T22:13:20Z' },
      },
    ]);
    const referrer = JSON.parse(await rawManifest(`${registry.host}/acme/sbom@${sbomDigest}`));
    expect(referrer.subject.digest).toBe(first.outputs.digest);
    const layout = tmp('sbom-readback');
    await copyToLayout(`${registry.host}/acme/sbom@${sbomDigest}`, layout);
    const bom = JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', referrer.layers[0].digest.slice(7)), 'utf8'));
    expect(bom.metadata.component).toMatchObject({ name: 'hello.wasm', hashes: [{ alg: 'SHA-256', content: sha256(readFileSync(component)).slice(7) }] });
    expect(first.summary).toContain(`| SBOM | \`${sbomDigest}\``);

    const again = await runAction({ inputs, env });
    expect(again.outputs['sbom-digest']).toBe(sbomDigest);
    expect(JSON.parse(await rawManifest(fallback)).manifests).toHaveLength(1);

    const off = await runAction({ inputs: { ...inputs, tags: 'v2', sbom: 'false' }, env: { SOURCE_DATE_EPOCH: '1700000001' } });
    expect(off.code).toBe(0);
    expect(off.outputs['sbom-digest']).toBe('');
    await expect(rawManifest(`${registry.host}/acme/sbom:${(off.outputs.digest ?? '').replace(':', '-')}`)).rejects.toThrow();
  });

  it('a given SBOM file is attached as it is, its type told from its content; a bad one fails before anything is pushed', async () => {
    const dir = tmp('sbom-file');
    writeFileSync(join(dir, 'sbom.spdx.json'), JSON.stringify({ spdxVersion: 'SPDX-2.3', name: 'hello' }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ hello: 'world' }));
    const component = await helloComponentFile();
    const ok = await runAction({ inputs: { component, image: `${registry.host}/acme/spdx`, tags: 'v1', sbom: join(dir, 'sbom.spdx.json') } });
    expect(ok.code, ok.stdout).toBe(0);
    const referrer = JSON.parse(await rawManifest(`${registry.host}/acme/spdx@${ok.outputs['sbom-digest']}`));
    expect(referrer).toMatchObject({ artifactType: 'application/spdx+json', layers: [{ mediaType: 'application/spdx+json' }] });
    const bad = await runAction({ inputs: { component, image: `${registry.host}/acme/spdx-bad`, tags: 'v1', sbom: join(dir, 'bad.json') } });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error::the SBOM .*bad\.json is neither CycloneDX JSON \(bomFormat\) nor SPDX JSON \(spdxVersion\)/);
    await expect(listTags(`${registry.host}/acme/spdx-bad`)).rejects.toThrow();
  });

  it('a prebuilt component built with cargo auditable: the SBOM lists the crates its embedded core module names', async () => {
    // The list as cargo-auditable writes it (zlib JSON in a .dep-v0 custom section of the core module rustc links).
    const list = {
      packages: [
        { name: 'greeter', version: '2.1.0', source: 'local', dependencies: [1, 2], root: true },
        { name: 'serde', version: '1.0.152', source: 'crates.io', dependencies: [] },
        { name: 'autocfg', version: '1.1.0', source: 'crates.io', kind: 'build' },
      ],
    };
    const core = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...section(0, [...str('.dep-v0'), ...deflateSync(Buffer.from(JSON.stringify(list)))])];
    const dir = tmp('auditable');
    writeFileSync(join(dir, 'greeter.wasm'), Buffer.from([...PREAMBLE, ...section(1, core), ...exportSection([['run', 'func']])]));
    const run = await runAction({
      inputs: { component: join(dir, 'greeter.wasm'), image: `${registry.host}/acme/audited`, tags: 'v1' },
      env: { SOURCE_DATE_EPOCH: EPOCH },
    });
    expect(run.code, run.stdout).toBe(0);
    const { layer: bom } = await firstLayerJson(`${registry.host}/acme/audited@${run.outputs['sbom-digest']}`);
    expect(bom.metadata.component).toMatchObject({ name: 'greeter', version: '2.1.0' });
    expect(bom.components.map((c: { purl: string; scope?: string }) => [c.purl, c.scope ?? 'required'])).toEqual([
      ['pkg:cargo/autocfg@1.1.0', 'excluded'],
      ['pkg:cargo/serde@1.0.152', 'required'],
    ]);
  });
});

describe('with docker/metadata-action', () => {
  const registry = registryForSuite('anonymous');

  it('takes its tags and annotations outputs as they are, and outputs version and annotations', async () => {
    const image = `${registry.host}/acme/meta`;
    // What docker/metadata-action writes for a v1.2.3 tag with images: <image> (tags one a line; annotations
    // sorted, prefixed by level).
    const run = await runAction({
      inputs: {
        component: await helloComponentFile(),
        tags: [`${image}:1.2.3`, `${image}:1.2`, `${image}:latest`].join('\n'),
        annotations: [
          'manifest:org.opencontainers.image.description=From metadata-action',
          'index:org.opencontainers.image.description=for an index',
          'manifest:org.opencontainers.image.licenses=MIT',
        ].join('\n'),
      },
      env: { SOURCE_DATE_EPOCH: EPOCH, GITHUB_REF: 'refs/tags/v1.2.3', GITHUB_EVENT_NAME: 'push', RUNNER_DEBUG: '1' },
    });
    expect(run.code, run.stdout).toBe(0);
    expect((await listTags(image)).filter((t) => !t.startsWith('sha256-'))).toEqual(['1.2', '1.2.3', 'latest']); // and the SBOM's fallback tag
    const manifest = JSON.parse(await rawManifest(`${image}:1.2.3`));
    expect(manifest.annotations).toMatchObject({ 'org.opencontainers.image.description': 'From metadata-action', 'org.opencontainers.image.licenses': 'MIT' });
    expect(Object.keys(manifest.annotations).every((k) => !k.includes(':'))).toBe(true);
    expect(run.stdout).toContain(
      '::debug::annotation for an image index, which this artifact has none of: index:org.opencontainers.image.description=for an index',
    );
    expect(run.outputs.version).toBe('1.2.3');
    expect(run.outputs.annotations?.split('\n')).toContain('org.opencontainers.image.description=From metadata-action');
    expect(run.outputs.annotations?.split('\n')).toEqual(Object.entries(manifest.annotations).map(([k, v]) => `${k}=${String(v)}`));
  });

  it('its outputs in the environment only: a notice says how to pass them', async () => {
    const run = await runAction({
      inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/meta-env`, push: 'false' },
      env: {
        SOURCE_DATE_EPOCH: EPOCH,
        DOCKER_METADATA_OUTPUT_TAGS: `${registry.host}/acme/meta-env:1.0.0`,
        DOCKER_METADATA_OUTPUT_ANNOTATIONS: 'manifest:a.b=c',
      },
    });
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(
      /::notice::docker\/metadata-action's outputs are in the environment .*tags: \$\{\{ steps\.meta\.outputs\.tags \}\} and annotations: \$\{\{ steps\.meta\.outputs\.annotations \}\}/,
    );
  });
});

describe('credentials that docker/login-action and cloud logins leave', () => {
  it('an identity token (ACR, docker login with OAuth): exchanged with the refresh-token grant, then the push', async () => {
    const registry = await startRegistry('token');
    try {
      const config = tmp('docker-identity');
      writeFileSync(
        join(config, 'config.json'),
        JSON.stringify({
          auths: { [registry.host]: { auth: Buffer.from('00000000-0000-0000-0000-000000000000:').toString('base64'), identitytoken: TEST_IDENTITY_TOKEN } },
        }),
      );
      const run = await runAction({
        inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/oauth`, tags: 'v1', sbom: 'false' },
        env: { DOCKER_CONFIG: config, SOURCE_DATE_EPOCH: EPOCH },
      });
      expect(run.code, run.stdout).toBe(0);
      // The push's token requests are all the refresh grant; the GETs without credentials are the anonymous pull
      // check's: one during the push (publish/anonymous-pull.ts), refused, and asked again after it.
      const [anonymous, token] = [
        registry.tokenServer!.requests.filter((r) => r.method === 'GET'),
        registry.tokenServer!.requests.filter((r) => r.method === 'POST'),
      ];
      expect(token.length).toBeGreaterThan(0);
      expect(token.every((r) => r.form?.grant_type === 'refresh_token' && r.form.scope === 'repository:acme/oauth:pull,push')).toBe(true);
      expect(anonymous.map((r) => [decodeURIComponent(r.url).replace(/^.*scope=/, ''), r.authorization])).toEqual([
        ['repository:acme/oauth:pull', undefined],
        ['repository:acme/oauth:pull', undefined],
      ]);
      expect(run.outputs.public).toBe('false');
      expect(run.stdout).toContain(`::add-mask::${TEST_IDENTITY_TOKEN}`);
      expect(await listTags(`${registry.host}/acme/oauth`, registry)).toEqual(['v1']);
    } finally {
      await registry.stop();
    }
  });

  it('a credential helper (credsStore): run with the server URL on stdin, its answer used and masked', async () => {
    const registry = await startRegistry('htpasswd');
    try {
      const bin = tmp('helper-bin');
      const asked = join(bin, 'asked');
      writeFileSync(
        join(bin, 'docker-credential-test'),
        `#!/bin/sh\nread -r server\necho "$1 $server" >> ${asked}\nprintf '{"ServerURL":"%s","Username":"${TEST_CREDENTIALS.username}","Secret":"${TEST_CREDENTIALS.password}"}' "$server"\n`,
        { mode: 0o755 },
      );
      const config = tmp('docker-helper');
      writeFileSync(join(config, 'config.json'), JSON.stringify({ credsStore: 'test' }));
      const run = await runAction({
        inputs: { component: await helloComponentFile(), image: `${registry.host}/acme/helped`, tags: 'v1', sbom: 'false' },
        env: { DOCKER_CONFIG: config, PATH: `${bin}:${process.env.PATH ?? ''}`, SOURCE_DATE_EPOCH: EPOCH },
      });
      expect(run.code, run.stdout).toBe(0);
      expect(readFileSync(asked, 'utf8')).toBe(`get ${registry.host}\n`);
      expect(run.stdout).toContain(`::add-mask::${TEST_CREDENTIALS.password}`);
      // The secret appears in nothing the run printed but the command that masks it.
      const unmasked = `${run.stdout}\n${run.stderr}`.split('\n').filter((l) => l.includes(TEST_CREDENTIALS.password) && !l.startsWith('::add-mask::'));
      expect(unmasked).toEqual([]);
      expect(await listTags(`${registry.host}/acme/helped`, registry)).toEqual(['v1']);
    } finally {
      await registry.stop();
    }
  });
});

describe('one artifact, several images', () => {
  const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

  it('two repositories of one registry (the second mounts the blobs) and another registry with its own credentials: one digest everywhere', async () => {
    const a = await startRegistry('anonymous');
    const b = await startRegistry('htpasswd');
    const front = await startProxy({ target: a.host }); // to see the mount requests
    try {
      const config = tmp('docker-two');
      writeFileSync(
        join(config, 'config.json'),
        JSON.stringify({ auths: { [b.host]: { auth: Buffer.from(`${TEST_CREDENTIALS.username}:${TEST_CREDENTIALS.password}`).toString('base64') } } }),
      );
      const images = [`${front.host}/acme/one`, `${front.host}/acme/two`, `${b.host}/acme/three`];
      const run = await runAction({
        inputs: { component: await helloComponentFile(), image: images.join('\n'), tags: 'v1' },
        env: { DOCKER_CONFIG: config, SOURCE_DATE_EPOCH: EPOCH },
      });
      expect(run.code, run.stdout).toBe(0);
      const digest = run.outputs.digest!;
      expect(run.outputs.refs?.split('\n')).toEqual(images.map((i) => `${i}@${digest}`));
      expect(run.outputs.tags?.split('\n').sort()).toEqual(images.map((i) => `${i}:v1`).sort());
      for (const [host, name, registry] of [
        [a.host, 'acme/one', a],
        [a.host, 'acme/two', a],
        [b.host, 'acme/three', b],
      ] as const) {
        expect(sha(await rawManifest(`${host}/${name}:v1`, registry))).toBe(digest);
        expect(await listTags(`${host}/${name}`, registry)).toContain(digest.replace(':', '-')); // the SBOM went with each
      }
      // acme/two got the component's blobs by mount from acme/one: none of them was uploaded to it.
      const mounts = front.requests.filter((r) => r.method === 'POST' && r.url.startsWith('/v2/acme/two/blobs/uploads/?mount='));
      expect(mounts).toHaveLength(2);
      expect(mounts.every((r) => r.url.includes('&from=acme%2Fone'))).toBe(true);
      const artifactBlobs = [run.outputs['layer-digest']!, run.outputs['config-digest']!].map(encodeURIComponent);
      const uploads = front.requests.filter((r) => r.method === 'PUT' && r.url.startsWith('/v2/acme/two/blobs/'));
      expect(uploads.filter((r) => artifactBlobs.some((d) => r.url.includes(d)))).toEqual([]);
    } finally {
      await front.stop();
      await a.stop();
      await b.stop();
    }
  });

  it('a failure at one registry fails the step once the others are done, naming what was published', async () => {
    const a = await startRegistry('anonymous');
    const b = await startRegistry('htpasswd');
    try {
      const run = await runAction({
        inputs: { component: await helloComponentFile(), image: `${a.host}/acme/fine,${b.host}/acme/denied`, tags: 'v1', sbom: 'false' },
        env: { SOURCE_DATE_EPOCH: EPOCH },
      });
      expect(run.code).toBe(1);
      expect(errorMessage(run)).toMatch(
        new RegExp(`publishing failed at 1 of 2 images \\(${b.host}/acme/denied: .*none was given\\); published to ${a.host}/acme/fine`),
      );
      expect(await listTags(`${a.host}/acme/fine`)).toEqual(['v1']);
      expect(run.outputs.refs).toBe(`${a.host}/acme/fine@${run.outputs.digest}`);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe("a component's own metadata", () => {
  const registry = registryForSuite('anonymous');

  it('becomes the manifest annotations, below the event and the annotations input', async () => {
    const text = (name: string, value: string) => section(0, [...str(name), ...Buffer.from(value)]);
    const dir = tmp('described');
    writeFileSync(
      join(dir, 'greeter.wasm'),
      Buffer.from([
        ...PREAMBLE,
        ...section(0, [...str('component-name'), 0x00, 8, ...str('greeter')]), // a name section: subsection 0, 8 bytes, the name
        ...text('description', 'Says hello'),
        ...text('licenses', 'MIT'),
        ...text('authors', 'Ada'),
        ...text('homepage', 'https://greeter.example'),
        ...text('source', 'https://example.com/greeter.git'),
        ...exportSection([['run', 'func']]),
      ]),
    );
    const run = await runAction({
      inputs: {
        component: join(dir, 'greeter.wasm'),
        image: `${registry.host}/acme/described`,
        tags: 'v1',
        annotations: 'org.opencontainers.image.licenses=Apache-2.0',
      },
      env: { SOURCE_DATE_EPOCH: EPOCH, GITHUB_REPOSITORY: 'acme/greeter' },
    });
    expect(run.code, run.stdout).toBe(0);
    const manifest = JSON.parse(await rawManifest(`${registry.host}/acme/described:v1`));
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.title': 'greeter', // the component's name (no crate was built)
      'org.opencontainers.image.description': 'Says hello',
      'org.opencontainers.image.authors': 'Ada',
      'org.opencontainers.image.licenses': 'Apache-2.0', // the input wins
      'org.opencontainers.image.source': 'https://github.com/acme/greeter', // the event wins
      'org.opencontainers.image.url': 'https://github.com/acme/greeter',
    });
  });
});

describe('a WIT package', () => {
  const registry = registryForSuite('anonymous');
  const onMain = {
    SOURCE_DATE_EPOCH: EPOCH,
    GITHUB_REPOSITORY: 'acme/interfaces',
    GITHUB_EVENT_NAME: 'push',
    GITHUB_REF: 'refs/heads/main',
    GITHUB_SHA: 'b'.repeat(40),
  };

  it('is published as oci-wasm publishes one, tagged with its version on a branch push', async () => {
    const path = await witPackageFile();
    const run = await runAction({ inputs: { component: path, image: `${registry.host}/acme/greeter` }, env: onMain });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.tags).toBe(`${registry.host}/acme/greeter:1.2.0`);
    expect(run.outputs.version).toBe('1.2.0');
    const config = JSON.parse(await rawConfig(`${registry.host}/acme/greeter:1.2.0`));
    expect(config).toEqual({
      created: '2023-11-14T22:13:20Z',
      author: null,
      architecture: 'wasm',
      os: 'wasip2',
      layerDigests: [sha256(readFileSync(path))],
      component: {
        exports: ['acme:greeter/greet@1.2.0', 'acme:greeter/greeter@1.2.0', 'acme:greeter/types@1.2.0', 'ping'],
        imports: [],
        target: null,
      },
    });
    const manifest = JSON.parse(await rawManifest(`${registry.host}/acme/greeter:1.2.0`));
    expect(manifest.annotations['org.opencontainers.image.version']).toBe('1.2.0');
    expect(run.summary).toContain('## WIT package published');
    expect(run.summary).toContain('| Kind | WIT package `acme:greeter@1.2.0` |');
    expect(run.summary).toContain('Interfaces: `acme:greeter/types@1.2.0`, `acme:greeter/greet@1.2.0`');
    expect(run.summary).toContain('Worlds: `acme:greeter/greeter@1.2.0`');
  });

  it("is named after itself under the owner on GHCR, as wkg names packages; a pull request's preview keeps its own tags", async () => {
    const path = await witPackageFile();
    const local = await runAction({ inputs: { component: path, push: 'false' }, env: onMain });
    expect(local.code, local.stdout + local.stderr).toBe(0);
    expect(local.outputs.ref).toMatch(/^ghcr\.io\/acme\/acme\/greeter@sha256:/);
    expect(local.stdout).toMatch(/tags: 1\.2\.0\n/); // what a push would tag

    const preview = await runAction({
      inputs: { component: path, image: `${registry.host}/acme/greeter`, 'pr-comment': 'false' },
      env: { ...onMain, GITHUB_EVENT_NAME: 'pull_request', GITHUB_REF: 'refs/pull/7/merge' },
      payload: {
        pull_request: { number: 7, head: { sha: 'c'.repeat(40), repo: { full_name: 'acme/interfaces' } }, base: { repo: { full_name: 'acme/interfaces' } } },
      },
    });
    expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    expect(preview.outputs.tags?.split('\n')).toEqual([`${registry.host}/acme/greeter:pr-7`, `${registry.host}/acme/greeter:sha-ccccccc`]);
  });
});
