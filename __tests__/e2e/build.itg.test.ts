// Building real crates with real cargo (Debian's Rust for wasm32-wasi), through the bundled action, and
// publishing them to the real registry. Caches go to a stand-in of the Actions cache service on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { startCacheServer, type CacheServer } from '../helpers/cache-server.js';
import { runAction, ROOT, type ActionRun } from '../helpers/action.js';
import { tmp, witPackageFile } from '../helpers/components.js';
import { firstLayerJson, rawConfig, rawManifest } from '../helpers/skopeo.js';

const CRATES = join(ROOT, '__tests__', 'fixtures', 'crates');
// Debian's cargo (it has the wasm32-wasi standard library) ahead of any rustup cargo.
const PATH = `/usr/bin:${process.env.PATH}`;

/** A fresh copy of a fixture crate in a workspace of its own (GITHUB_WORKSPACE). */
function workspaceWith(crate: string): { workspace: string; crate: string } {
  const workspace = tmp('build-ws');
  cpSync(join(CRATES, crate), join(workspace, crate), { recursive: true });
  return { workspace, crate: join(workspace, crate) };
}

/** The paths in a cache archive as @actions/cache made it: a tar, zstd-compressed when zstd is installed, else gzip. */
function tarListing(archive: Buffer): string[] {
  const file = join(tmp('archive'), 'cache.tar');
  writeFileSync(file, archive);
  const zstd = archive.subarray(0, 4).equals(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
  return execFileSync('tar', [zstd ? '--use-compress-program=unzstd' : '-z', '-tf', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\n');
}

const errorLines = (run: ActionRun) => run.stdout.split('\n').filter((l) => l.startsWith('::error'));

describe('building a crate', () => {
  let registry: TestRegistry;
  let cacheServer: CacheServer;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    cacheServer = await startCacheServer();
  });
  afterAll(async () => {
    await cacheServer.stop();
    await registry.stop();
  });

  it("a bin crate → a command component with the crate's metadata; the second run restores the cache and compiles only the crate", async () => {
    const { workspace, crate } = workspaceWith('hello-cli');
    const home = tmp('home'); // one runner image: the same HOME (and so CARGO_HOME) on both runs
    const action = () =>
      runAction({
        inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', image: `${registry.host}/acme/hello-cli`, tags: 'edge' },
        env: { PATH, HOME: home, GITHUB_WORKSPACE: workspace, ACTIONS_CACHE_URL: cacheServer.url, SOURCE_DATE_EPOCH: '1700000000' },
      });
    let started = Date.now();
    const first = await action();
    const firstMs = Date.now() - started;
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toMatch(/cargo compiled in \d+ ms/);
    expect(first.stdout).toContain('::group::cargo build --profile release --target wasm32-wasi');
    expect(first.stdout).toContain('Compiling hello-cli v0.3.1');
    expect(first.stdout).toMatch(/made a component with the WASI preview1 command adapter/);
    expect(cacheServer.saved()).toHaveLength(1);

    const config = JSON.parse(await rawConfig(`${registry.host}/acme/hello-cli:edge`));
    expect(config.os).toBe('wasip2');
    expect(config.component.exports).toEqual([expect.stringMatching(/^wasi:cli\/run@0\.2\.\d+$/)]);
    expect(config.component.imports).toEqual(expect.arrayContaining([expect.stringMatching(/^wasi:cli\/stdout@/)]));
    const manifest = JSON.parse(await rawManifest(`${registry.host}/acme/hello-cli:edge`));
    expect(manifest.annotations).toMatchObject({
      'org.opencontainers.image.title': 'hello-cli',
      'org.opencontainers.image.version': '0.3.1',
      'org.opencontainers.image.description': 'Says hello from a WASI command',
      'org.opencontainers.image.licenses': 'Apache-2.0',
      'org.opencontainers.image.source': 'https://github.com/acme/hello-cli',
    });
    expect(manifest.layers[0].annotations['org.opencontainers.image.title']).toBe('hello-cli.wasm');
    expect(first.outputs.component).toBe(join(crate, 'target', 'wasm32-wasi', 'release', 'hello-cli.component.wasm'));

    // A new runner: no target/ until the cache brings it back.
    rmSync(join(crate, 'target'), { recursive: true, force: true });
    started = Date.now();
    const second = await action();
    const secondMs = Date.now() - started;
    expect(second.code, second.stdout).toBe(0);
    expect(cacheServer.restored, second.stdout).toHaveLength(1);
    expect(second.stdout).toMatch(/cache restored from wasm-oci-publish-cargo-/);
    // The cache holds no artifact of the crate itself (a fresh checkout would rebuild it anyway): only it is compiled.
    expect(second.stdout).toContain('Compiling hello-cli v0.3.1');
    expect(second.outputs.digest).toBe(first.outputs.digest);
    console.log(`hello-cli: first run (compile, cache saved) ${firstMs} ms; second run (cache restored, the crate compiled) ${secondMs} ms`);
  });

  it('a cdylib → a reactor component, with the target world from [package.metadata.component.target]; no cache service is a warning', async () => {
    const { workspace, crate } = workspaceWith('hello-lib');
    const run = await runAction({
      inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', image: `${registry.host}/acme/hello-lib`, tags: 'v1' },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/::warning::The cache service is not available here/);
    expect(run.stdout).toMatch(/WASI preview1 reactor adapter/);
    const config = JSON.parse(await rawConfig(`${registry.host}/acme/hello-lib:v1`));
    expect(config).toMatchObject({ os: 'wasip2', component: { target: 'wasi:http/proxy@0.2.0' } });
  });

  it('a compile error is an annotation on the file and line', async () => {
    const { workspace, crate } = workspaceWith('broken');
    const run = await runAction({
      inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', image: `${registry.host}/acme/broken`, tags: 'v1', cache: 'false' },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(run.code).toBe(1);
    expect(errorLines(run)).toEqual([
      '::error title=Build error,file=broken/src/main.rs,line=2,col=18::mismatched types',
      '::error::the build failed: mismatched types (src/main.rs:2:18)',
    ]);
  });

  it('a workspace with two wasm crates and no -p: an error naming both', async () => {
    const { workspace, crate } = workspaceWith('two-crates');
    const run = await runAction({
      inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', image: `${registry.host}/acme/two`, tags: 'v1', cache: 'false' },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(run.code).toBe(1);
    const error = errorLines(run)[0];
    expect(error).toMatch(/cargo built 2 WebAssembly files: .*Choose one with "cargo-args", e\.g\. "-p <package>" or "--bin <name>"/);
    expect(error).toContain('app (package app, bin)');
    expect(error).toContain('plugin (package plugin, cdylib)');

    const picked = await runAction({
      inputs: {
        'working-directory': crate,
        build: 'cargo',
        target: 'wasm32-wasi',
        'cargo-args': '-p app',
        image: `${registry.host}/acme/two`,
        tags: 'v1',
        cache: 'false',
      },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(picked.code, picked.stdout).toBe(0);
    expect(picked.outputs.component).toMatch(/app\.component\.wasm$/);
  });

  it('auto picks cargo-component for a crate with [package.metadata.component], and passes it the arguments as given', async () => {
    const { workspace, crate } = workspaceWith('hello-lib');
    const log = join(tmp('fake-log'), 'args.jsonl');
    const run = await runAction({
      inputs: { 'working-directory': crate, image: `${registry.host}/acme/from-cargo-component`, tags: 'v1', 'cargo-args': '--features "a b"', cache: 'false' },
      env: { PATH: `${resolve(ROOT, '__tests__/fixtures/fake-bin')}:${PATH}`, GITHUB_WORKSPACE: workspace, FAKE_CARGO_COMPONENT_LOG: log },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/with cargo-component for wasm32-wasip1/);
    expect(
      readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual([['component', 'build', '--profile', 'release', '--message-format=json-render-diagnostics', '--features', 'a b']]);
    const config = JSON.parse(await rawConfig(`${registry.host}/acme/from-cargo-component:v1`));
    expect(config.component).toMatchObject({ exports: ['add', 'acme:hello/greet@0.1.0'], target: 'wasi:http/proxy@0.2.0' });
  });

  it('cargo-component missing: the pinned version is installed, and a failed install says so', async () => {
    const { workspace, crate } = workspaceWith('hello-lib');
    const run = await runAction({
      inputs: {
        'working-directory': crate,
        build: 'cargo-component',
        'cargo-component-version': '0.21.1',
        image: `${registry.host}/acme/x`,
        tags: 'v1',
        cache: 'false',
      },
      env: { PATH, GITHUB_WORKSPACE: workspace, CARGO_NET_OFFLINE: 'true' },
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::group::cargo install cargo-component --locked --version 0.21.1');
    expect(errorLines(run)).toEqual(['::error::installing cargo-component 0.21.1 failed (cargo exited with 101)']);
  });

  it('a crate with dependencies: the SBOM lists every package of its Cargo.lock, with licenses', async () => {
    // json-tool depends on serde_json, resolved offline from Debian's vendored crates (.cargo/config.toml).
    const { workspace, crate } = workspaceWith('json-tool');
    const run = await runAction({
      inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', image: `${registry.host}/acme/json-tool`, tags: 'v1', cache: 'false' },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { layer: bom } = await firstLayerJson(`${registry.host}/acme/json-tool@${run.outputs['sbom-digest']}`);
    expect(bom.metadata.component).toMatchObject({ name: 'json-tool', version: '0.2.0' });
    const lock = readFileSync(join(crate, 'Cargo.lock'), 'utf8');
    const locked = [...lock.matchAll(/name = "([^"]+)"\nversion = "([^"]+)"/g)].map((m) => `pkg:cargo/${m[1]}@${m[2]}`).filter((p) => !p.includes('json-tool'));
    expect(bom.components.map((c: { purl: string }) => c.purl).sort()).toEqual(locked.sort());
    expect(bom.components.every((c: { licenses?: unknown[]; hashes?: unknown[] }) => c.licenses?.length === 1 && c.hashes?.length === 1)).toBe(true);
  });

  it('a workspace: the SBOM lists what was compiled into the .wasm, host-only crates marked excluded, nothing else', async () => {
    // app depends on serde (derive: the serde_derive proc-macro and its syn, quote, proc-macro2, unicode-ident)
    // and cfg-if, builds with autocfg, tests with itoa; helper is another member. All from Debian's sources.
    const { workspace, crate } = workspaceWith('sbom-workspace');
    const run = await runAction({
      inputs: {
        'working-directory': join(crate, 'app'),
        build: 'cargo',
        target: 'wasm32-wasi',
        image: `${registry.host}/acme/sbom-ws`,
        tags: 'v1',
        cache: 'false',
      },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { layer: bom } = await firstLayerJson(`${registry.host}/acme/sbom-ws@${run.outputs['sbom-digest']}`);
    expect(bom.metadata.component).toMatchObject({ name: 'app', version: '0.3.0' });
    const listed = Object.fromEntries(bom.components.map((c: { name: string; scope?: string }) => [c.name, c.scope ?? 'required']));
    expect(listed).toEqual({
      'cfg-if': 'required',
      serde: 'required',
      serde_derive: 'excluded',
      syn: 'excluded',
      quote: 'excluded',
      'proc-macro2': 'excluded',
      'unicode-ident': 'excluded',
      autocfg: 'excluded',
    });
    // The graph keeps the host-only crates: serde → serde_derive → syn.
    const deps = Object.fromEntries(bom.dependencies.map((d: { ref: string; dependsOn?: string[] }) => [d.ref, d.dependsOn ?? []]));
    expect(deps['serde@1.0.152']).toContain('serde_derive@1.0.152');
    expect(deps['serde_derive@1.0.152']).toContain('syn@1.0.107');
  });

  it("the cache holds the dependencies this build used, no incremental/ and no member's artifact; the next build compiles only the member", async () => {
    const { workspace, crate } = workspaceWith('sbom-workspace');
    const home = tmp('home');
    const action = () =>
      runAction({
        inputs: {
          'working-directory': join(crate, 'app'),
          build: 'cargo',
          target: 'wasm32-wasi',
          profile: 'dev',
          image: `${registry.host}/acme/cached-ws`,
          tags: 'v1',
          sbom: 'false',
        },
        env: { PATH, HOME: home, GITHUB_WORKSPACE: workspace, ACTIONS_CACHE_URL: cacheServer.url, SOURCE_DATE_EPOCH: '1700000000' },
      });
    const first = await action();
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain('Compiling serde v1.0.152');
    expect(readdirSync(join(crate, 'target', 'wasm32-wasi', 'debug'))).toContain('incremental'); // the dev profile makes one; the cache leaves it out
    const key = cacheServer.saved().find((k) => first.stdout.includes(`cache saved as ${k}`))!;
    const listing = tarListing(cacheServer.archive(key)!);
    expect(listing.filter((p) => p.includes('/incremental/'))).toEqual([]);
    expect(listing.filter((p) => /\/(deps|\.fingerprint|build)\/(lib)?(app|helper)-[0-9a-f]{16}/.test(p) || /\/debug\/app\.wasm$/.test(p))).toEqual([]);
    expect(listing.some((p) => /\/deps\/libserde-[0-9a-f]{16}\.rlib$/.test(p))).toBe(true);
    expect(listing.some((p) => /\/debug\/deps\/libserde_derive-[0-9a-f]{16}\.so$/.test(p))).toBe(true); // host code: the proc-macro
    // What was moved aside for the save is back: the step's user still has the whole target/.
    expect(readdirSync(join(crate, 'target', 'wasm32-wasi', 'debug'))).toEqual(expect.arrayContaining(['incremental', 'app.wasm']));

    rmSync(join(crate, 'target'), { recursive: true, force: true });
    const second = await action();
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).toContain('Compiling app v0.3.0');
    expect(second.stdout).not.toMatch(/Compiling (serde|serde_derive|syn|autocfg|cfg-if) /);
  });

  it('a workspace with {crate} in image: one cargo build, each component its own image; the library none', async () => {
    const { workspace, crate } = workspaceWith('multi-ws');
    const run = await runAction({
      inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', image: `${registry.host}/acme/{crate}`, tags: 'v1', cache: 'false' },
      env: { PATH, GITHUB_WORKSPACE: workspace },
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter((l) => l.startsWith('::group::cargo build'))).toHaveLength(1);
    const metadata = JSON.parse(run.outputs.metadata ?? '[]') as Array<{ ref: string; digest: string; tags: string[] }>;
    expect(metadata.map((m) => m.ref.split('@')[0])).toEqual([`${registry.host}/acme/alpha`, `${registry.host}/acme/beta`]);
    expect(new Set(metadata.map((m) => m.digest)).size).toBe(2);
    expect(run.outputs).toMatchObject({ digest: '', ref: '' });
    expect(run.outputs.refs?.split('\n')).toEqual(metadata.map((m) => m.ref));
    for (const name of ['alpha', 'beta']) {
      const manifest = JSON.parse(await rawManifest(`${registry.host}/acme/${name}:v1`));
      expect(manifest.annotations).toMatchObject({ 'org.opencontainers.image.title': name, 'org.opencontainers.image.description': `The ${name} component` });
      // Its SBOM names its own crate's dependency (common), not the other component.
      const sbom = await firstLayerJson(
        `${registry.host}/acme/${name}@${JSON.parse(run.outputs.metadata!).find((m: { ref: string }) => m.ref.includes(`/acme/${name}@`))['sbom-digest']}`,
      );
      expect(sbom.layer.metadata.component.name).toBe(name);
      expect(sbom.layer.components.map((c: { name: string }) => c.name)).toEqual(['common']);
    }
    await expect(rawManifest(`${registry.host}/acme/common:v1`)).rejects.toThrow();
    expect(run.summary.match(/^## Wasm component published/gm)).toHaveLength(2);
  });

  it('no Cargo.toml and no component: says what to set', async () => {
    const run = await runAction({ inputs: { 'working-directory': tmp('empty'), image: `${registry.host}/acme/x` }, env: { PATH } });
    expect(run.code).toBe(1);
    expect(errorLines(run)[0]).toMatch(/there is no Cargo\.toml in .*: set "working-directory" to the crate, or give a prebuilt "component"/);
  });
});

describe('a crate whose wit/ needs packages from a registry', () => {
  let registry: TestRegistry;
  let cacheServer: CacheServer;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    cacheServer = await startCacheServer();
    for (const name of ['acme-greeter', 'wasi-cli', 'wasi-http', 'wasi-io']) {
      const [ns, pkg] = name.split('-');
      const run = await runAction({ inputs: { component: await witPackageFile(name), image: `${registry.host}/wit/${ns}/${pkg}` }, env: {} });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await cacheServer.stop();
    await registry.stop();
  });

  it('gets them into wit/deps before cargo runs, writes wkg.lock and caches the packages; the next run fetches nothing', async () => {
    const { workspace, crate } = workspaceWith('hello-lib');
    mkdirSync(join(crate, 'wit'));
    writeFileSync(
      join(crate, 'wit', 'world.wit'),
      'package acme:app;\nworld app {\n  import acme:greeter/greet@1.2.0;\n  export wasi:http/incoming-handler@0.2.0;\n}\n',
    );
    const config = join(workspace, 'wkg-config.toml');
    const mapping = `{ registry = "test", metadata = { oci = { registry = "${registry.host}", namespacePrefix = "wit/" } } }`;
    writeFileSync(config, `[namespace_registries]\nacme = ${mapping}\nwasi = ${mapping}\n`);
    const action = () =>
      runAction({
        inputs: { 'working-directory': crate, build: 'cargo', target: 'wasm32-wasi', 'wkg-config': config, image: `${registry.host}/acme/app`, tags: 'edge' },
        env: {
          PATH,
          HOME: tmp('home'),
          GITHUB_WORKSPACE: workspace,
          RUNNER_TEMP: tmp('runner-temp'),
          ACTIONS_CACHE_URL: cacheServer.url,
          SOURCE_DATE_EPOCH: '1700000000',
        },
      });
    const first = await action();
    expect(first.code, first.stdout + first.stderr).toBe(0);
    expect(first.stdout).toContain(`WIT package wasi:http@0.2.0: ${registry.host}/wit/wasi/http:0.2.0`);
    expect(first.stdout.indexOf('WIT dependencies in')).toBeLessThan(first.stdout.indexOf('::group::cargo build'));
    expect(readdirSync(join(crate, 'wit', 'deps')).sort()).toEqual(['acme-greeter-1.2.0', 'wasi-cli-0.2.0', 'wasi-http-0.2.0', 'wasi-io-0.2.0']);
    expect(readFileSync(join(crate, 'wkg.lock'), 'utf8')).toMatch(/name = "wasi:io"\nregistry = "test"\n\n\[\[packages.versions\]\]\nrequirement = "=0.2.0"/);
    expect(cacheServer.saved().filter((k) => k.startsWith('wasm-oci-publish-wit-'))).toHaveLength(1);

    const second = await action();
    expect(second.code, second.stdout + second.stderr).toBe(0);
    expect(second.stdout).not.toContain('WIT package');
  });
});
