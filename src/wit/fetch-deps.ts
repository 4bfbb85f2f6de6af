// Fetches the WIT packages a crate's `wit/` needs into `wit/deps`, as `wkg wit fetch` does, before cargo
// builds it (wit-bindgen and cargo-component resolve `wit/deps/<ns>-<name>-<version>/package.wit`).
// Each package is located as wkg locates it (wkg-config.ts), pulled with this project's OCI client (the lock's
// layer digest, else the manifest of the version's tag), checked against its digest and decoded as a WIT
// package of that name and version; the packages it uses are fetched in turn, so that every directory holds a
// whole package (a package's embedded copies of its dependencies hold only what it uses). Nothing is written
// into wit/deps, and the lock is not touched, until every package is fetched, verified and printed.
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import semver from 'semver';
import { ActionError } from '../errors.js';
import { RegistryError } from '../oci/errors.js';
import { sha256Digest } from '../oci/spec.js';
import { readSections } from '../wasm/sections.js';
import type { WitPackageFacts } from '../wasm/wit-package.js';
import { foreignPackages, isHeld, packagesInDeps, wantKey, witTexts, type PackageWant } from './references.js';
import { resolveRegistry, ociLocation, type RegistryMetadata, type RegistrySettings, type WkgConfig } from './wkg-config.js';
import { lockedVersion, lockText, type LockedPackage, type Override } from './lock.js';

/** What fetching needs of a registry: this project's RepositoryClient, pull side. */
export interface PullClient {
  getManifest(reference: string): Promise<{ mediaType: string; bytes: Buffer } | undefined>;
  fetchBlob(digest: string, limit: number): Promise<Buffer>;
  listTags(): Promise<string[]>;
  close(): Promise<void>;
}

export interface WitDepsIO {
  /** A pull-only client for `repository` on the OCI `registry`, with what the config says of the registry `name`. */
  open(registry: string, repository: string, settings: RegistrySettings): Promise<PullClient>;
  /** The registry's well-known metadata, or undefined (registry-metadata.ts). */
  metadata(registry: string): Promise<RegistryMetadata | undefined>;
  info(line: string): void;
  /** Called once, before the first package is fetched (the caller restores its cache of packages then). */
  beforeFetch?(): Promise<void>;
}

export interface WitDepsRequest {
  /** The crate's `wit` directory. */
  witDir: string;
  /** auto: fetch what wit/deps lacks; fetch: fetch every package again. */
  mode: 'auto' | 'fetch';
  config: WkgConfig;
  /** wkg.toml's overrides. */
  overrides: Record<string, Override>;
  /** The lock as read (undefined: none), and whether it may not change (committed: wkg's --locked). */
  lock: LockedPackage[] | undefined;
  locked: boolean;
  /** Where fetched packages are kept by digest between runs (the Actions cache saves it). */
  cacheDir?: string;
  /** At most this many packages are pulled (MAX_PACKAGES unless a test says less). */
  maxPackages?: number;
}

/**
 * More WIT packages than any world uses (WASI 0.2 is a dozen): past it, a registry serving packages that each
 * use a new one would be followed, and every package held in memory, without end.
 */
export const MAX_PACKAGES = 256;

export interface FetchedPackage {
  name: string;
  version: string;
  requirement: string;
  /** The registry's name in the config (the lock records it), and the OCI reference it was pulled from. */
  registry: string;
  reference: string;
  digest: string;
  fromCache: boolean;
  /** Where it was written, relative to wit/deps. */
  directory: string;
}

export interface WitDepsResult {
  fetched: FetchedPackage[];
  /** The lock to write, when it changed (never when `locked`). */
  lock?: LockedPackage[];
}

/** WIT packages are kilobytes (wasi:http is 30 KB): anything past this is not one. */
const MAX_PACKAGE_BYTES = 16 * 1024 * 1024;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

export async function fetchWitDependencies(req: WitDepsRequest, io: WitDepsIO): Promise<WitDepsResult> {
  const texts = await witTexts(req.witDir);
  const depsDir = join(req.witDir, 'deps');
  const held = req.mode === 'auto' ? await packagesInDeps(depsDir) : new Set<string>();
  const queue = foreignPackages(texts).filter((w) => !isHeld(held, w));
  if (queue.length === 0) return { fetched: [] };
  await io.beforeFetch?.();

  const fetcher = new Fetcher(req, io);
  const pulled = new Map<string, Pulled>();
  const locals = new Map<string, DepsEntry>();
  for (let want = queue.shift(); want; want = queue.shift()) {
    if (pulled.has(wantKey(want)) || locals.has(wantKey(want))) continue;
    const localPath = req.overrides[want.name]?.path;
    let uses: PackageWant[];
    if (localPath !== undefined) {
      const local = await readLocal(want, resolve(dirname(req.witDir), localPath));
      locals.set(wantKey(want), local.entry);
      io.info(`WIT package ${wantKey(want)}: from ${localPath} (wkg.toml)`);
      uses = local.uses;
    } else {
      if (pulled.size >= (req.maxPackages ?? MAX_PACKAGES)) {
        throw new ActionError(
          'registry-protocol',
          `fetching ${wantKey(want)} would make more than ${req.maxPackages ?? MAX_PACKAGES} WIT packages: the packages keep using new ones; nothing was written`,
        );
      }
      const one = await fetcher.pull(want);
      pulled.set(wantKey(want), one);
      uses = one.facts.uses.map(usedPackage);
    }
    for (const next of uses) if (!isHeld(held, next) && !pulled.has(wantKey(next)) && !locals.has(wantKey(next))) queue.push(next);
  }

  const lock = mergedLock(
    req.lock ?? [],
    [...pulled.values()].map((p) => p.entry),
  );
  const changed = lockText(lock) !== lockText(req.lock ?? []);
  if (changed && req.locked) {
    const added = [...pulled.values()].filter((p) => !lockedVersion(req.lock, p.entry.name, p.entry.registry, p.entry.requirement));
    throw new ActionError(
      'input',
      `wkg.lock is committed but would change (${added.map((p) => `${p.entry.name}@${p.entry.version}`).join(', ')} not in it): ` +
        'run `wkg wit fetch` and commit wkg.lock, or remove it from version control',
    );
  }
  await writeDeps(req.witDir, [...(await printAll([...pulled.values()])), ...locals.values()]);
  return { fetched: [...pulled.values()].map((p) => p.entry), ...(changed ? { lock } : {}) };
}

interface Pulled {
  entry: FetchedPackage;
  facts: WitPackageFacts;
  bytes: Buffer;
}

class Fetcher {
  private readonly metadata = new Map<string, Promise<RegistryMetadata>>();

  constructor(
    private readonly req: WitDepsRequest,
    private readonly io: WitDepsIO,
  ) {}

  async pull(want: PackageWant): Promise<Pulled> {
    const { requirement, registry, location } = await this.locate(want);
    const repository = `${location.registry}/${location.repository}`;
    const client = await this.io.open(location.registry, location.repository, this.req.config.registries[registry] ?? {});
    let tried = repository;
    try {
      const locked = lockedVersion(this.req.lock, want.name, registry, requirement);
      let version = locked?.version;
      let digest = locked?.digest;
      if (!version || !digest) {
        version = want.version && requirement === `=${want.version}` ? want.version : await newest(client, requirement, repository);
        tried = `${repository}:${version}`;
        digest = await layerDigest(client, version, tried);
      } else {
        tried = `${repository}@${digest} (wkg.lock's ${version})`;
      }
      const directory = depsName(want.name, version); // before anything is read or cached
      const cached = await readCached(this.req.cacheDir, digest);
      const bytes = cached ?? (await client.fetchBlob(digest, MAX_PACKAGE_BYTES));
      if (!cached) await writeCached(this.req.cacheDir, digest, bytes);
      const facts = decodePackage(bytes, want.name, version);
      this.io.info(`WIT package ${want.name}@${version}: ${tried}, ${digest}${cached ? ' (cached)' : ''}`);
      const entry = { name: want.name, version, requirement, registry, reference: tried, digest, fromCache: !!cached, directory };
      return { entry, facts, bytes };
    } catch (err) {
      throw new ActionError(errorKind(err), `cannot fetch the WIT package ${wantKey(want)} from ${tried}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await client.close();
    }
  }

  /** The requirement (wkg.toml may override it), the registry's name in the config, and where its OCI artifacts are. */
  private async locate(want: PackageWant) {
    if (this.req.overrides[want.name]?.path !== undefined) {
      throw new ActionError(
        'input',
        `wkg.toml takes ${want.name} from a local path, which this action does not copy: put the package in wit/deps, or run wkg wit fetch`,
      );
    }
    const requirement = this.req.overrides[want.name]?.version ?? (want.version ? `=${want.version}` : '*');
    const mapping = resolveRegistry(this.req.config, want.name);
    if (!mapping) {
      const namespace = want.name.split(':')[0]!;
      throw new ActionError(
        'input',
        `no registry is known for ${wantKey(want)}: map the namespace "${namespace}" in the wkg config ([namespace_registries] or default_registry), or put the package in wit/deps`,
      );
    }
    const metadata = mapping.metadata ?? (await this.metadataOf(mapping.registry));
    return { requirement, registry: mapping.registry, location: ociLocation(want.name, mapping, metadata) };
  }

  private metadataOf(registry: string): Promise<RegistryMetadata> {
    let known = this.metadata.get(registry);
    if (!known) {
      known = this.io.metadata(registry).then((m) => m ?? {});
      this.metadata.set(registry, known);
    }
    return known;
  }
}

/** The kind a wrapped failure keeps: the registry's refusal of credentials stays one. */
function errorKind(err: unknown): ActionError['kind'] {
  if (err instanceof ActionError) return err.kind;
  if (err instanceof RegistryError) return err.status === 401 || err.status === 403 ? 'credentials' : 'registry-protocol';
  return 'network';
}

/** `wasi:io/streams@0.2.0` → `wasi:io@0.2.0`. */
function usedPackage(id: string): PackageWant {
  const [item, version] = id.split('@') as [string, string | undefined];
  return { name: item.slice(0, item.indexOf('/')), ...(version ? { version } : {}) };
}

/** `namespace:package`, one namespace (a nested one, `a:b:c`, would put a `:` in a file name), kebab-case labels. */
const PACKAGE_NAME = /^[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*:[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*$/;

/**
 * wkg's directory name (wasm-pkg-core src/wit.rs): `wasi:http@0.2.0` → `wasi-http-0.2.0`. The name and version
 * come from a registry, a fetched package or wkg.lock: anything but one namespace, one package and a semver
 * version is refused, so no `..`, separator, NUL or look-alike ever reaches a path under wit/deps.
 */
export function depsName(name: string, version?: string): string {
  const versionOk = version === undefined || (semver.valid(version) !== null && /^[0-9][0-9A-Za-z.+-]*$/.test(version));
  if (!PACKAGE_NAME.test(name) || !versionOk) {
    throw new ActionError(
      'wasm',
      `the WIT package ${JSON.stringify(name)}${version === undefined ? '' : ` version ${JSON.stringify(version)}`} cannot be a directory under wit/deps: ` +
        'a package is namespace:name (one namespace, kebab-case) with a semver version',
    );
  }
  return `${name.replace(':', '-')}${version === undefined ? '' : `-${version}`}`;
}

/** The newest tag that satisfies a requirement (`*`, `^0.2`), from the repository's tags, as wkg lists versions. */
async function newest(client: PullClient, requirement: string, repository: string): Promise<string> {
  if (!semver.validRange(requirement)) throw new ActionError('input', `"${requirement}" is not a version requirement`);
  const versions = (await client.listTags()).filter((t) => semver.valid(t) === t);
  const best = semver.maxSatisfying(versions, requirement);
  if (!best) throw new ActionError('registry-protocol', `${repository} has no version that satisfies ${requirement} (tags: ${versions.join(', ') || 'none'})`);
  return best;
}

/** The manifest's one `application/wasm` layer: its digest is what the lock records. */
async function layerDigest(client: PullClient, tag: string, reference: string): Promise<string> {
  const manifest = await client.getManifest(tag);
  if (!manifest) throw new ActionError('registry-protocol', `the registry has no manifest ${reference} (404)`);
  let layers: Array<{ mediaType?: unknown; digest?: unknown }> | undefined;
  try {
    layers = (JSON.parse(manifest.bytes.toString('utf8')) as { layers?: typeof layers }).layers;
  } catch {
    throw new ActionError('registry-protocol', `the manifest ${reference} is not JSON`);
  }
  const wasm = Array.isArray(layers) ? layers.find((l) => l.mediaType === 'application/wasm') : undefined;
  if (typeof wasm?.digest !== 'string' || !DIGEST.test(wasm.digest)) {
    throw new ActionError('registry-protocol', `the manifest ${reference} has no application/wasm layer with a sha256 digest: it is not a Wasm OCI artifact`);
  }
  return wasm.digest;
}

function decodePackage(bytes: Buffer, name: string, version: string): WitPackageFacts {
  const sections = readSections(bytes);
  const pkg = sections.witPackage;
  if (!pkg) throw new ActionError('wasm', `it is a ${sections.kind ?? 'file'}, not a WIT package`);
  if (pkg.name !== name || pkg.version !== version) {
    throw new ActionError('wasm', `it is the WIT package ${pkg.name}${pkg.version ? `@${pkg.version}` : ''}, not ${name}@${version}`);
  }
  return pkg;
}

function mergedLock(old: LockedPackage[], fetched: FetchedPackage[]): LockedPackage[] {
  const lock = old.map((p) => ({ ...p, versions: [...p.versions] }));
  for (const f of fetched) {
    let pkg = lock.find((p) => p.name === f.name && p.registry === f.registry);
    if (!pkg) lock.push((pkg = { name: f.name, registry: f.registry, versions: [] }));
    pkg.versions = pkg.versions.filter((v) => v.requirement !== f.requirement);
    pkg.versions.push({ requirement: f.requirement, version: f.version, digest: f.digest });
  }
  return lock;
}

/**
 * One entry of wit/deps: a directory of files (a package as WIT text), or one file (a binary package). Names
 * are this module's own (wkg's `<ns>-<name>-<version>`, a local file's name), never a registry's.
 */
interface DepsEntry {
  name: string;
  files: Array<{ name: string; content: string | Buffer }>;
  /** The entry is the single file itself (`<ns>-<name>.wasm`), not a directory. */
  single?: boolean;
}

/** Each package as WIT text, printed by jco (wit-component's printer): the files wkg's text output writes. */
async function printAll(pulled: Pulled[]): Promise<DepsEntry[]> {
  // Loaded on first use: the printer is 4 MB of wasm that only this step needs.
  const { $init, unpackWit } = await import(/* webpackIgnore: true */ '@bytecodealliance/jco-transpile/component');
  await $init;
  return pulled.map(({ entry, bytes }) => {
    const spec = `${entry.name}@${entry.version}`;
    let text: string | undefined;
    try {
      text = unpackWit(spec, bytes).get('package.wit');
    } catch (err) {
      const payload = (err as { payload?: { tag?: string; val?: unknown } }).payload;
      throw new ActionError(
        'wasm',
        `cannot print the WIT package ${spec} as text: ${payload ? `${payload.tag}: ${JSON.stringify(payload.val)}` : (err as Error).message}`,
      );
    }
    if (!text) throw new ActionError('wasm', `cannot print the WIT package ${spec} as text: the printer gave no package.wit`);
    return { name: entry.directory, files: [{ name: 'package.wit', content: text }] };
  });
}

/**
 * A package wkg.toml takes from a local path, copied as wkg copies one (wasm-pkg-core src/wit.rs
 * `write_local_dep`): a directory's files, or a .wit file, into `deps/<ns>-<name>[-<version>]/`; a binary
 * package as `deps/<ns>-<name>.wasm`. What it uses is fetched in turn.
 */
async function readLocal(want: PackageWant, path: string): Promise<{ entry: DepsEntry; uses: PackageWant[] }> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new ActionError('input', `wkg.toml takes ${want.name} from ${path}, which does not exist`);
  const base = depsName(want.name, want.version);
  if (info.isFile() && path.endsWith('.wasm')) {
    const bytes = await readFile(path);
    const sections = readSections(bytes);
    if (!sections.witPackage) throw new ActionError('wasm', `wkg.toml takes ${want.name} from ${path}, which is not a WIT package`);
    return {
      entry: { name: `${base}.wasm`, files: [{ name: `${base}.wasm`, content: bytes }], single: true },
      uses: sections.witPackage.uses.map(usedPackage),
    };
  }
  const names = info.isDirectory() ? (await readdir(path)).filter((n) => n.endsWith('.wit')).sort() : [basename(path)];
  const dir = info.isDirectory() ? path : dirname(path);
  const files = await Promise.all(names.map(async (name) => ({ name, content: await readFile(join(dir, name), 'utf8') })));
  return { entry: { name: base, files }, uses: foreignPackages(files.map((f) => f.content)) };
}

/** Every entry written to a staging directory beside wit/deps, then each moved into place. */
async function writeDeps(witDir: string, entries: DepsEntry[]): Promise<void> {
  const staging = await mkdtemp(join(witDir, '.deps-'));
  try {
    for (const entry of entries) {
      if (!entry.single) await mkdir(join(staging, entry.name));
      for (const file of entry.files) await writeFile(join(staging, entry.single ? '' : entry.name, file.name), file.content);
    }
    await mkdir(join(witDir, 'deps'), { recursive: true });
    for (const { name } of entries) {
      await rm(join(witDir, 'deps', name), { recursive: true, force: true });
      await rename(join(staging, name), join(witDir, 'deps', name));
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function readCached(dir: string | undefined, digest: string): Promise<Buffer | undefined> {
  if (!dir) return undefined;
  const bytes = await readFile(join(dir, `${digest.replace(':', '-')}.wasm`)).catch(() => undefined);
  // A cached file is believed only when it still has its digest.
  return bytes && sha256Digest(bytes) === digest ? bytes : undefined;
}

async function writeCached(dir: string | undefined, digest: string, bytes: Buffer): Promise<void> {
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${digest.replace(':', '-')}.wasm`);
  await writeFile(`${path}.tmp`, bytes);
  await rename(`${path}.tmp`, path);
}
