// Command lines, artifact discovery and error reading, against cargo's recorded real output
// (__tests__/fixtures/cargo-messages, recorded from Debian's cargo 1.65 building the fixture crates).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCommand, installCargoComponentCommand, isPreview1Target, splitArgs } from '../../src/cargo/commands.js';
import { compiledPackages, firstCompilerError, wasmArtifacts } from '../../src/cargo/cargo-messages.js';
import { crateFacts, type CargoMetadata } from '../../src/cargo/crate.js';
import { cargoCachePlan, cargoComponentCachePlan, codegenEnvironment } from '../../src/cargo/caches.js';

const recorded = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'cargo-messages', name), 'utf8').split('\n');

describe('build commands', () => {
  it("cargo: wasm32-wasip2 by default, JSON messages, then the user's arguments", () => {
    expect(buildCommand({ mode: 'cargo', profile: 'release', target: '', cargoArgs: ['-p', 'hello'] })).toEqual([
      'build',
      '--profile',
      'release',
      '--target',
      'wasm32-wasip2',
      '--message-format=json-render-diagnostics',
      '-p',
      'hello',
    ]);
  });
  it('cargo-component: its own default target unless one is given', () => {
    expect(buildCommand({ mode: 'cargo-component', profile: 'dev', target: '', cargoArgs: [] })).toEqual([
      'component',
      'build',
      '--profile',
      'dev',
      '--message-format=json-render-diagnostics',
    ]);
    expect(buildCommand({ mode: 'cargo-component', profile: 'release', target: 'wasm32-wasip2', cargoArgs: ['--features', 'a b'] })).toEqual([
      'component',
      'build',
      '--profile',
      'release',
      '--message-format=json-render-diagnostics',
      '--target',
      'wasm32-wasip2',
      '--features',
      'a b',
    ]);
  });
  it('installs a pinned cargo-component with its lockfile', () => {
    expect(installCargoComponentCommand('0.21.1')).toEqual(['install', 'cargo-component', '--locked', '--version', '0.21.1']);
  });
  it('knows which targets give preview1 modules', () => {
    expect([isPreview1Target('wasm32-wasi'), isPreview1Target('wasm32-wasip1'), isPreview1Target('wasm32-wasip2')]).toEqual([true, true, false]);
  });
  it.each([
    ['-p hello --features x', ['-p', 'hello', '--features', 'x']],
    ['--features "a b" --bin=\'my app\'', ['--features', 'a b', '--bin=my app']],
    ['  ', []],
    ['a\\ b "" c', ['a b', '', 'c']],
    ['$(rm -rf /) ; echo `x`', ['$(rm', '-rf', '/)', ';', 'echo', '`x`']],
  ])('splitArgs(%j)', (text, args) => {
    expect(splitArgs(text)).toEqual(args);
  });
  it('splitArgs refuses an unterminated quote', () => {
    expect(() => splitArgs('--features "a b')).toThrow(/unterminated " quote/);
  });
});

describe('cargo messages', () => {
  it("finds a bin's .wasm, compiled", () => {
    expect(wasmArtifacts(recorded('hello-cli.wasm32-wasi.jsonl'))).toEqual([
      {
        path: '@CRATE@/target/wasm32-wasi/release/hello-cli.wasm',
        packageId: 'hello-cli 0.3.1 (path+file://@CRATE@)',
        targetName: 'hello-cli',
        kinds: ['bin'],
        fresh: false,
      },
    ]);
  });
  it('tells when cargo compiled nothing', () => {
    expect(wasmArtifacts(recorded('hello-cli.fresh.jsonl'))[0]?.fresh).toBe(true);
  });
  it("finds a cdylib's .wasm", () => {
    expect(wasmArtifacts(recorded('hello-lib.wasm32-wasi.jsonl')).map((a) => [a.targetName, a.kinds])).toEqual([['hello-lib', ['cdylib']]]);
  });
  it('finds both of a two-crate workspace', () => {
    expect(
      wasmArtifacts(recorded('two-crates.wasm32-wasi.jsonl'))
        .map((a) => a.targetName)
        .sort(),
    ).toEqual(['app', 'plugin']);
  });
  it('skips lines that are not JSON messages', () => {
    expect(wasmArtifacts(['warning: something', '{not json', '{"reason":"build-script-executed"}'])).toEqual([]);
  });
  it('reads the first compiler error with its file, line and column', () => {
    expect(firstCompilerError(recorded('broken.stderr.txt'))).toEqual({ message: 'mismatched types', file: 'src/main.rs', line: 2, column: 18 });
  });
  it('falls back to an error without location', () => {
    expect(firstCompilerError(['\x1b[1m\x1b[31merror\x1b[0m: could not find `Cargo.toml`'])).toEqual({ message: 'could not find `Cargo.toml`' });
    expect(firstCompilerError(['warning: x'])).toBeUndefined();
  });
});

describe('crateFacts', () => {
  const pkg = (over: Partial<CargoMetadata['packages'][number]>) => ({
    id: 'a 1.0.0 (path+file:///a)',
    name: 'a',
    version: '1.0.0',
    description: null,
    license: null,
    repository: null,
    manifest_path: '/a/Cargo.toml',
    metadata: null,
    ...over,
  });
  it('reads name, version, description, license, repository', () => {
    const facts = crateFacts({
      packages: [pkg({ description: 'd', license: 'MIT', repository: 'https://x' })],
      workspace_root: '/a',
      target_directory: '/a/target',
    });
    expect(facts).toEqual({
      name: 'a',
      version: '1.0.0',
      description: 'd',
      license: 'MIT',
      repository: 'https://x',
      usesCargoComponent: false,
      targetWorld: undefined,
    });
  });
  it.each([
    [{ target: { package: 'wasi:http', version: '0.2.0', world: 'proxy' } }, 'wasi:http/proxy@0.2.0'],
    [{ target: { package: 'wasi:http@0.2.0', world: 'proxy' } }, 'wasi:http/proxy@0.2.0'],
    [{ target: { package: 'wasi:cli', world: 'command', version: '=0.2.3' } }, 'wasi:cli/command@0.2.3'],
    [{ target: 'acme:app/default@0.1.0' }, 'acme:app/default@0.1.0'],
    [{ package: 'acme:app' }, undefined],
  ])('target world from %j', (component, world) => {
    const facts = crateFacts({ packages: [pkg({ metadata: { component } })], workspace_root: '/a', target_directory: '/a/target' });
    expect(facts?.usesCargoComponent).toBe(true);
    expect(facts?.targetWorld).toBe(world);
  });
  it('picks the package that built the artifact in a workspace', () => {
    const metadata = {
      packages: [pkg({}), pkg({ id: 'b 2.0.0 (path+file:///b)', name: 'b', manifest_path: '/b/Cargo.toml' })],
      workspace_root: '/',
      target_directory: '/target',
    };
    expect(crateFacts(metadata, 'b 2.0.0 (path+file:///b)')?.name).toBe('b');
    expect(crateFacts(metadata, undefined, '/a/Cargo.toml')?.name).toBe('a');
    expect(crateFacts(metadata)).toBeUndefined();
  });
});

describe('cache keys', () => {
  const facts = {
    os: 'linux-x64',
    toolchain: 'rustc 1.82.0',
    target: 'wasm32-wasip2',
    profile: 'release',
    lockfile: 'lock-1',
    cargoHome: '/h/.cargo',
    targetDir: '/w/target',
    builder: 'cargo',
    manifests: '[["app",[{"name":"serde"}],{}]]',
    codegenEnv: '',
  };
  it('change with the lockfile, and fall back to the same toolchain and target', () => {
    const one = cargoCachePlan(facts);
    const two = cargoCachePlan({ ...facts, lockfile: 'lock-2' });
    expect(one.key).not.toBe(two.key);
    expect(one.restoreKeys).toEqual(two.restoreKeys);
    expect(one.key.startsWith(one.restoreKeys[0]!)).toBe(true);
    expect(cargoCachePlan({ ...facts, toolchain: 'rustc 1.83.0' }).restoreKeys).not.toEqual(one.restoreKeys);
    expect(cargoCachePlan({ ...facts, target: 'wasm32-wasip1' }).restoreKeys).not.toEqual(one.restoreKeys);
    expect(one.paths).toEqual(['/h/.cargo/registry/index', '/h/.cargo/registry/cache', '/h/.cargo/git/db', '/w/target']);
  });
  it("change with the members' dependency declarations; RUSTFLAGS and cargo's codegen settings change the fallback too", () => {
    const one = cargoCachePlan(facts);
    const deps = cargoCachePlan({ ...facts, manifests: '[["app",[{"name":"serde"},{"name":"itoa"}],{}]]' });
    expect(deps.key).not.toBe(one.key);
    expect(deps.restoreKeys).toEqual(one.restoreKeys);
    const flags = codegenEnvironment({
      RUSTFLAGS: '-C opt-level=s',
      CARGO_PROFILE_RELEASE_LTO: 'true',
      HOME: '/h',
      CARGO_HOME: '/h/.cargo',
      RUSTUP_HOME: '/r',
    });
    expect(flags).toBe('CARGO_PROFILE_RELEASE_LTO=true\nRUSTFLAGS=-C opt-level=s');
    expect(cargoCachePlan({ ...facts, codegenEnv: flags }).restoreKeys).not.toEqual(one.restoreKeys);
  });
  it('cargo-component is cached per version', () => {
    expect(cargoComponentCachePlan('linux', 'x64', '0.21.1', '/h/.cargo')).toEqual({
      key: 'wasm-oci-publish-cargo-component-linux-x64-0.21.1',
      restoreKeys: [],
      paths: ['/h/.cargo/bin/cargo-component'],
    });
  });
});

describe('compiledPackages', () => {
  it('what cargo compiled for the target, and what only for the build host (recorded from the sbom-workspace fixture)', () => {
    const compiled = compiledPackages(recorded('sbom-workspace-app.jsonl'), 'wasm32-wasi');
    const byName = Object.fromEntries([...compiled].map(([id, { host }]) => [id.split(' ')[0], host ? 'host' : 'target']));
    expect(byName).toEqual({
      app: 'target', // its build script runs on the host, its bin is the .wasm
      serde: 'target',
      'cfg-if': 'target',
      serde_derive: 'host',
      syn: 'host',
      quote: 'host',
      'proc-macro2': 'host',
      'unicode-ident': 'host',
      autocfg: 'host',
    });
  });
  it('a custom target given as a JSON file is its file name', () => {
    const line = JSON.stringify({
      reason: 'compiler-artifact',
      package_id: 'a 1.0.0 (path+file:///a)',
      target: { kind: ['lib'], name: 'a' },
      filenames: ['/t/target/my-wasm/release/liba.rlib'],
    });
    expect(compiledPackages([line], 'targets/my-wasm.json').get('a 1.0.0 (path+file:///a)')).toEqual({ host: false });
  });
});
