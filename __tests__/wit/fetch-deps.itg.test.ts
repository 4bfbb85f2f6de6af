// Fetching a crate's WIT dependencies from a real registry, seeded by the action itself with WIT packages;
// one namespace mapped in the wkg config with its metadata, the other through a registry's well-known
// registry.json served on loopback. What lands in wit/deps is checked by resolving the crate's world with
// wit-parser (jco's componentEmbed), as wit-bindgen would.
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentEmbed } from '@bytecodealliance/jco-transpile/wasm-tools';
import { registryForSuite } from '../helpers/registry.js';
import { runAction } from '../helpers/action.js';
import { startScriptedServer, type ScriptedServer } from '../helpers/scripted-server.js';
import { letJcoReadFiles, tmp, witPackageFile } from '../helpers/components.js';
import { fetchWitDependencies, type WitDepsIO, type WitDepsRequest } from '../../src/wit/fetch-deps.js';
import { parseWkgConfig } from '../../src/wit/wkg-config.js';
import { fetchRegistryMetadata } from '../../src/wit/registry-metadata.js';
import { RepositoryClient } from '../../src/oci/repository.js';
import { DEFAULT_RETRY, RetryPolicy } from '../../src/oci/policy.js';
import { parseRepository } from '../../src/oci/reference.js';
import { sha256Digest } from '../../src/oci/spec.js';

const PACKAGES = ['acme-greeter', 'wasi-cli', 'wasi-http', 'wasi-io'];
const WORLD = 'package acme:app;\nworld app {\n  import acme:greeter/greet@1.2.0;\n  export wasi:http/incoming-handler@0.2.0;\n}\n';
const retry = new RetryPolicy({ ...DEFAULT_RETRY, maxRetries: 1, baseDelayMs: 10 });
const logged: string[] = [];

const io: WitDepsIO = {
  open: (registry, repository, settings) =>
    Promise.resolve(new RepositoryClient(parseRepository(`${registry}/${repository}`), { pullOnly: true, plainHttp: settings.protocol === 'http', retry })),
  metadata: (registry) => fetchRegistryMetadata(registry, { retry }, (line) => logged.push(line)),
  info: (line) => logged.push(line),
};

/** Every file under `dir` with its bytes, by relative path. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, snapshot(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path).toString('base64');
  }
  return out;
}

function crateWith(world: string): string {
  const dir = tmp('wit-crate');
  mkdirSync(join(dir, 'wit'));
  writeFileSync(join(dir, 'wit', 'world.wit'), world);
  return join(dir, 'wit');
}

describe('fetching WIT dependencies', () => {
  const registry = registryForSuite('anonymous');
  let wellKnown: ScriptedServer;
  const digests: Record<string, string> = {};
  let request: (witDir: string) => WitDepsRequest;

  beforeAll(async () => {
    await letJcoReadFiles();
    // The action publishes each package, tagged with its version, under wit/<ns>/<name>.
    for (const name of PACKAGES) {
      const path = await witPackageFile(name);
      digests[name] = sha256Digest(readFileSync(path));
      const [ns, pkg] = name.split('-');
      const run = await runAction({ inputs: { component: path, image: `${registry.host}/wit/${ns}/${pkg}` }, env: { SOURCE_DATE_EPOCH: '1700000000' } });
      expect(run.code, run.stdout + run.stderr).toBe(0);
    }
    // wasi's registry is a domain whose registry.json points at the registry, under the same prefix.
    wellKnown = await startScriptedServer((req, res) => {
      if (req.url !== '/.well-known/wasm-pkg/registry.json') return void res.writeHead(404).end();
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ preferredProtocol: 'oci', oci: { registry: registry.host, namespacePrefix: 'wit/' } }));
    });
    const config = parseWkgConfig(
      `[namespace_registries]
acme = { registry = "loopback", metadata = { preferredProtocol = "oci", oci = { registry = "${registry.host}", namespacePrefix = "wit/" } } }
wasi = "${wellKnown.host}"
`,
      'config.toml',
    );
    request = (witDir) => ({ witDir, mode: 'auto', config, overrides: {}, lock: undefined, locked: false });
    return () => wellKnown.stop();
  });

  it('fetches what the world uses and what those packages use, as WIT text that wit-parser resolves, and a lock of their layers', async () => {
    const witDir = crateWith(WORLD);
    const result = await fetchWitDependencies(request(witDir), io);
    expect(result.fetched.map((f) => `${f.name}@${f.version} ${f.registry}`)).toEqual([
      'acme:greeter@1.2.0 loopback',
      'wasi:http@0.2.0 ' + wellKnown.host,
      'wasi:cli@0.2.0 ' + wellKnown.host,
      'wasi:io@0.2.0 ' + wellKnown.host,
    ]);
    expect(result.fetched[0]!.reference).toBe(`${registry.host}/wit/acme/greeter:1.2.0`);
    expect(readFileSync(join(witDir, 'deps', 'wasi-http-0.2.0', 'package.wit'), 'utf8')).toContain('use wasi:io/streams@0.2.0.{output-stream};');
    expect(await componentEmbed({ witPath: witDir, world: 'app', dummy: true })).toBeInstanceOf(Uint8Array);
    expect(result.lock).toEqual(
      [
        ['acme:greeter', 'loopback', '1.2.0', digests['acme-greeter']],
        ['wasi:http', wellKnown.host, '0.2.0', digests['wasi-http']],
        ['wasi:cli', wellKnown.host, '0.2.0', digests['wasi-cli']],
        ['wasi:io', wellKnown.host, '0.2.0', digests['wasi-io']],
      ].map(([name, reg, version, digest]) => ({ name, registry: reg, versions: [{ requirement: `=${version}`, version, digest }] })),
    );

    // With the lock: the same digests, fetched by digest; the lock is unchanged; a cache keeps them for the next run.
    const cacheDir = tmp('wit-cache');
    const again = await fetchWitDependencies({ ...request(crateWith(WORLD)), lock: result.lock, locked: true, cacheDir }, io);
    expect(again.lock).toBeUndefined();
    expect(again.fetched.map((f) => f.reference)).toEqual(
      result.fetched.map((f) => `${f.reference.replace(/:[^:/]+$/, '')}@${f.digest} (wkg.lock's ${f.version})`),
    );
    const cached = await fetchWitDependencies({ ...request(crateWith(WORLD)), lock: result.lock, cacheDir }, io);
    expect(cached.fetched.every((f) => f.fromCache)).toBe(true);
  });

  it('fetches nothing when wit/deps holds every package (auto), and all of them again with fetch', async () => {
    const witDir = crateWith(WORLD);
    await fetchWitDependencies(request(witDir), io);
    expect((await fetchWitDependencies(request(witDir), io)).fetched).toEqual([]);
    expect((await fetchWitDependencies({ ...request(witDir), mode: 'fetch' }, io)).fetched).toHaveLength(4);
  });

  it('a committed lock that would change fails before anything is written', async () => {
    const witDir = crateWith(WORLD);
    const lock = [{ name: 'acme:greeter', registry: 'loopback', versions: [{ requirement: '=1.2.0', version: '1.2.0', digest: digests['acme-greeter']! }] }];
    await expect(fetchWitDependencies({ ...request(witDir), lock, locked: true }, io)).rejects.toThrow(
      /wkg.lock is committed but would change \(wasi:http@0.2.0, wasi:cli@0.2.0, wasi:io@0.2.0 not in it\)/,
    );
    expect(existsSync(join(witDir, 'deps'))).toBe(false);
  });

  it('a lock naming a digest the registry does not serve fails, naming it, before anything is written', async () => {
    const { lock } = await fetchWitDependencies(request(crateWith(WORLD)), io);
    const bad = sha256Digest(Buffer.from('not a package anyone published'));
    const tampered = lock!.map((p) => (p.name === 'acme:greeter' ? { ...p, versions: p.versions.map((v) => ({ ...v, digest: bad })) } : p));
    const witDir = crateWith(WORLD);
    await expect(fetchWitDependencies({ ...request(witDir), lock: tampered, locked: true }, io)).rejects.toThrow(
      new RegExp(`cannot fetch the WIT package acme:greeter@1\\.2\\.0 from .*@${bad} \\(wkg\\.lock's 1\\.2\\.0\\)`),
    );
    expect(existsSync(join(witDir, 'deps'))).toBe(false);
  });

  it('a cached package whose bytes are not its digest is not believed: it is fetched again', async () => {
    const { lock, fetched } = await fetchWitDependencies(request(crateWith(WORLD)), io);
    const cacheDir = tmp('wit-cache-tampered');
    const greeter = fetched.find((f) => f.name === 'acme:greeter')!;
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, `${greeter.digest.replace(':', '-')}.wasm`), 'package evil:pkg;\n');
    const again = await fetchWitDependencies({ ...request(crateWith(WORLD)), lock, cacheDir }, io);
    expect(again.fetched.find((f) => f.name === 'acme:greeter')?.fromCache).toBe(false);
    expect(sha256Digest(readFileSync(join(cacheDir, `${greeter.digest.replace(':', '-')}.wasm`)))).toBe(greeter.digest);
  });

  it('a missing package fails, naming it, the reference tried and the answer, before anything is written', async () => {
    const witDir = crateWith(WORLD.replace('world app {', 'world app {\n  import acme:missing/x@1.0.0;'));
    await expect(fetchWitDependencies(request(witDir), io)).rejects.toThrow(
      `cannot fetch the WIT package acme:missing@1.0.0 from ${registry.host}/wit/acme/missing:1.0.0: the registry has no manifest ${registry.host}/wit/acme/missing:1.0.0 (404)`,
    );
    expect(existsSync(join(witDir, 'deps'))).toBe(false);
  });

  it('packages that keep using new ones are followed only so far, and wit/deps stays exactly as it was', async () => {
    const witDir = crateWith(WORLD);
    mkdirSync(join(witDir, 'deps', 'acme-old-1.0.0'), { recursive: true });
    writeFileSync(join(witDir, 'deps', 'acme-old-1.0.0', 'old.wit'), 'package acme:old@1.0.0;\n');
    const before = snapshot(join(witDir, 'deps'));
    await expect(fetchWitDependencies({ ...request(witDir), maxPackages: 2 }, io)).rejects.toThrow(
      /fetching wasi:\S+ would make more than 2 WIT packages: the packages keep using new ones; nothing was written/,
    );
    expect(snapshot(join(witDir, 'deps'))).toEqual(before);
  });

  it('a fetch that fails half way (the third package is missing) leaves an existing wit/deps exactly as it was', async () => {
    const witDir = crateWith(WORLD.replace('\n}\n', '\n  import acme:missing/x@1.0.0;\n}\n'));
    mkdirSync(join(witDir, 'deps', 'acme-greeter-1.2.0'), { recursive: true });
    writeFileSync(join(witDir, 'deps', 'acme-greeter-1.2.0', 'stale.wit'), 'an older copy\n');
    const before = snapshot(join(witDir, 'deps'));
    await expect(fetchWitDependencies({ ...request(witDir), mode: 'fetch' }, io)).rejects.toThrow(/cannot fetch the WIT package acme:missing@1.0.0/);
    expect(snapshot(join(witDir, 'deps'))).toEqual(before);
    expect(readdirSync(witDir).filter((n) => n.startsWith('.deps-'))).toEqual([]); // no staging left behind
  });

  it('a blob whose bytes do not match its digest is refused (a hostile registry or a broken cache in between)', async () => {
    const bytes = readFileSync(await witPackageFile('acme-greeter'));
    const manifest = JSON.stringify({ schemaVersion: 2, layers: [{ mediaType: 'application/wasm', digest: sha256Digest(bytes), size: bytes.length }] });
    const hostile = await startScriptedServer((req, res) => {
      if (req.url.includes('/manifests/')) return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
      if (req.url.includes('/blobs/')) return void res.writeHead(200).end(Buffer.concat([bytes, Buffer.from([0])]));
      res.writeHead(404).end();
    });
    try {
      const witDir = crateWith(WORLD);
      const config = parseWkgConfig(`[namespace_registries]\nacme = { registry = "h", metadata = { oci = { registry = "${hostile.host}" } } }`, 'c.toml');
      await expect(fetchWitDependencies({ ...request(witDir), config }, io)).rejects.toThrow(
        new RegExp(
          `cannot fetch the WIT package acme:greeter@1.2.0 from ${hostile.host}/acme/greeter:1.2.0: read of blob sha256:[0-9a-f]{64}: the registry sent bytes whose digest is sha256:`,
        ),
      );
      expect(existsSync(join(witDir, 'deps'))).toBe(false);
    } finally {
      await hostile.stop();
    }
  });

  it.each([
    ['64 MiB with its length', true],
    ['an endless chunked body', false],
  ])('a huge package layer (%s) is refused, read no further than a bound', async (_, withLength) => {
    const bytes = readFileSync(await witPackageFile('acme-greeter'));
    const manifest = JSON.stringify({ schemaVersion: 2, layers: [{ mediaType: 'application/wasm', digest: sha256Digest(bytes), size: bytes.length }] });
    let sent = 0;
    const hostile = await startScriptedServer((req, res) => {
      if (req.url.includes('/manifests/')) return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(manifest);
      if (!req.url.includes('/blobs/')) return void res.writeHead(404).end();
      res.writeHead(200, withLength ? { 'content-length': String(64 * 1024 * 1024) } : {});
      const chunk = Buffer.alloc(1024 * 1024);
      const more = () => {
        while (!res.destroyed && sent < 64 * 1024 * 1024 * (withLength ? 1 : 100)) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', more);
        }
        res.end();
      };
      res.on('close', () => (sent = -sent)); // negative: the client hung up after that much
      more();
    });
    try {
      const witDir = crateWith(WORLD);
      const config = parseWkgConfig(`[namespace_registries]\nacme = { registry = "h", metadata = { oci = { registry = "${hostile.host}" } } }`, 'c.toml');
      await expect(fetchWitDependencies({ ...request(witDir), config }, io)).rejects.toThrow(
        withLength
          ? /read of blob sha256:[0-9a-f]{64}: it is 67108864 bytes, more than the \d+ this reads/
          : /read of blob sha256:[0-9a-f]{64}: the registry sent bytes whose digest/,
      );
      expect(existsSync(join(witDir, 'deps'))).toBe(false);
      await new Promise((ok) => setTimeout(ok, 100));
      expect(sent).toBeLessThan(0); // the client closed the connection rather than reading on
      expect(-sent).toBeLessThan(64 * 1024 * 1024);
    } finally {
      await hostile.stop();
    }
  });

  it("wkg.toml's path override: the local package is copied as wkg copies it, and what it uses is fetched", async () => {
    const witDir = crateWith(WORLD);
    const local = join(witDir, '..', 'local-greeter');
    mkdirSync(local);
    writeFileSync(
      join(local, 'greeter.wit'),
      `package acme:greeter@1.2.0;
interface types { record greeting { text: string } }
interface greet { use types.{greeting}; hello: func(name: string) -> greeting; }
world greeter { import wasi:cli/stdout@0.2.0; import types; export ping: func(); export greet; }
`,
    );
    const result = await fetchWitDependencies({ ...request(witDir), overrides: { 'acme:greeter': { path: 'local-greeter' } } }, io);
    expect(result.fetched.map((f) => f.name).sort()).toEqual(['wasi:cli', 'wasi:http', 'wasi:io']);
    expect(readFileSync(join(witDir, 'deps', 'acme-greeter-1.2.0', 'greeter.wit'), 'utf8')).toContain('package acme:greeter@1.2.0;');
    expect(result.lock?.map((p) => p.name)).not.toContain('acme:greeter'); // wkg locks registry packages only
    expect(await componentEmbed({ witPath: witDir, world: 'app', dummy: true })).toBeInstanceOf(Uint8Array);
    await expect(fetchWitDependencies({ ...request(crateWith(WORLD)), overrides: { 'acme:greeter': { path: 'nowhere' } } }, io)).rejects.toThrow(
      /wkg.toml takes acme:greeter from .*nowhere, which does not exist/,
    );
  });

  it('a namespace no registry is known for is named, with what to set', async () => {
    const witDir = crateWith('package a:b;\nworld w { import nowhere:pkg/i@1.0.0; }');
    await expect(fetchWitDependencies(request(witDir), io)).rejects.toThrow(
      /no registry is known for nowhere:pkg@1.0.0: map the namespace "nowhere" in the wkg config/,
    );
  });
});
