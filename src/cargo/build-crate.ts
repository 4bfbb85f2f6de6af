// A Rust crate → the .wasm component to publish: pick the mode, restore caches, run cargo (or cargo
// component), find the artifact in cargo's JSON messages, turn a preview1 module into a component, save
// caches, and read the crate's own metadata.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { arch, homedir, platform } from 'node:os';
import { basename, delimiter, isAbsolute, join, relative, resolve } from 'node:path';
import { exec, getExecOutput } from '@actions/exec';
import { buildCommand, DEFAULT_CARGO_TARGET, installCargoComponentCommand, isPreview1Target, type BuildMode } from './commands.js';
import { compiledPackages, firstCompilerError, wasmArtifacts, type WasmArtifact } from './cargo-messages.js';
import { crateFacts, packageKey, type CargoMetadata, type CrateFacts } from './crate.js';
import { cargoCachePlan, cargoComponentCachePlan, codegenEnvironment, restoreCache, saveCache, willSave, type CachePlan } from './caches.js';
import { stashUnneeded, usedDependencyUnits } from './prune.js';
import { parseCargoLock } from './cargo-lock.js';
import type { BuildLog } from './log.js';
import { wasmBinaryKind } from '../wasm/inspect.js';
import { componentize } from '../wasm/adapter.js';
import { ActionError } from '../errors.js';

export interface BuildSettings {
  workingDirectory: string;
  mode: 'auto' | BuildMode;
  cargoArgs: string[];
  target: string;
  profile: string;
  cargoComponentVersion: string;
  cache: boolean;
}

export interface BuiltComponent {
  path: string;
  /** File name for the layer's title: the name cargo gave it, before any componentizing. */
  title: string;
  crate?: CrateFacts;
  mode: BuildMode;
  /** cargo compiled nothing: everything was up to date (after a cache restore, say). */
  fresh: boolean;
  /** The crate's directory and its workspace root (where Cargo.lock is). */
  crateDir: string;
  workspaceRoot: string;
  /** `name@version` of the package that built the artifact. */
  packageKey?: string;
  /** What cargo compiled, by package id: the SBOM lists these (host-only ones apart), nothing else of Cargo.lock. */
  compiled: Map<string, { host: boolean }>;
}

/**
 * One cargo build; `all`: every .wasm it produced (a workspace's components, one build for all of them),
 * else exactly one (more is an error that names them).
 */
export async function buildCrates(s: BuildSettings, log: BuildLog, env: NodeJS.ProcessEnv, all: boolean): Promise<BuiltComponent[]> {
  const cwd = resolve(s.workingDirectory);
  if (!existsSync(join(cwd, 'Cargo.toml'))) {
    throw new ActionError('build', `there is no Cargo.toml in ${s.workingDirectory}: set "working-directory" to the crate, or give a prebuilt "component"`);
  }
  const metadata = await cargoMetadata(cwd);
  const mode: BuildMode =
    s.mode !== 'auto'
      ? s.mode
      : crateFacts(metadata, undefined, join(cwd, 'Cargo.toml'))?.usesCargoComponent || onPath('cargo-component', env)
        ? 'cargo-component'
        : 'cargo';
  const target = s.target || (mode === 'cargo' ? DEFAULT_CARGO_TARGET : 'wasm32-wasip1');
  const cargoHome = env.CARGO_HOME ?? join(homedir(), '.cargo');
  log.info(`building ${cwd} with ${mode === 'cargo' ? 'cargo' : 'cargo-component'} for ${target} (${s.profile})`);

  if (mode === 'cargo-component') await ensureCargoComponent(s, cargoHome, cwd, log, env);

  const lockfile = await readFile(join(metadata.workspace_root, 'Cargo.lock'), 'utf8').catch(() => '');
  const plan = s.cache
    ? cargoCachePlan({
        os: `${platform()}-${arch()}`,
        toolchain: await toolchainId(cwd),
        target,
        profile: s.profile,
        lockfile,
        cargoHome,
        targetDir: metadata.target_directory,
        builder: mode === 'cargo' ? 'cargo' : `cargo-component-${s.cargoComponentVersion}`,
        manifests: JSON.stringify(metadata.packages.map((p) => [p.name, p.dependencies ?? [], p.features ?? {}])),
        codegenEnv: codegenEnvironment(env),
      })
    : undefined;
  const restored = plan ? await restoreCache(plan, log) : undefined;

  const args = buildCommand({ mode, profile: s.profile, target: s.target, cargoArgs: s.cargoArgs });
  const started = Date.now();
  const run = await log.group(`cargo ${args.join(' ')}`, () => runCargo(args, cwd, log));
  if (run.code !== 0) {
    const err = firstCompilerError(run.stderr);
    if (err?.file) {
      const file = relative(env.GITHUB_WORKSPACE ?? process.cwd(), isAbsolute(err.file) ? err.file : join(metadata.workspace_root, err.file));
      log.error(err.message, { file, line: err.line, column: err.column });
    }
    throw new ActionError(
      'build',
      `the build failed${err ? `: ${err.message}${err.file ? ` (${err.file}:${err.line}:${err.column})` : ''}` : ` (cargo exited with ${run.code})`}`,
    );
  }
  const found = wasmArtifacts(run.stdout);
  // In the order of their paths: cargo finishes them in whatever order its jobs end.
  const artifacts = all && found.length > 0 ? [...found].sort((a, b) => (a.path < b.path ? -1 : 1)) : [pickArtifact(found, metadata)];
  const fresh = artifacts.every((a) => a.fresh);
  log.info(
    `cargo ${fresh ? 'found everything up to date, compiled nothing' : 'compiled'} in ${Date.now() - started} ms: ${artifacts.map((a) => a.path).join(', ')}`,
  );
  if (plan && willSave(plan, restored)) await saveLean(plan, restored, { run, metadata, lockfile, cargoHome }, log);
  const compiled = compiledPackages(run.stdout, target);
  const built: BuiltComponent[] = [];
  for (const artifact of artifacts) {
    built.push(await finish(artifact, { mode, target, metadata, cwd, compiled }, log));
  }
  return built;
}

/** One artifact of the build: a preview1 module made a component, and its crate's facts. */
async function finish(
  artifact: WasmArtifact,
  b: { mode: BuildMode; target: string; metadata: CargoMetadata; cwd: string; compiled: Map<string, { host: boolean }> },
  log: BuildLog,
): Promise<BuiltComponent> {
  const { mode, target, metadata, cwd } = b;
  let path = artifact.path;
  if (mode === 'cargo' && isPreview1Target(target) && (await wasmBinaryKind(path)) === 'module') {
    const kind = artifact.kinds.includes('bin') ? 'command' : 'reactor';
    path = path.replace(/\.wasm$/, '.component.wasm');
    await writeFile(path, await componentize(await readFile(artifact.path), kind));
    log.info(`made a component with the WASI preview1 ${kind} adapter: ${path}`);
  }
  const crate = crateFacts(metadata, artifact.packageId);
  return {
    path,
    title: basename(artifact.path),
    crate,
    mode,
    fresh: artifact.fresh,
    crateDir: cwd,
    workspaceRoot: metadata.workspace_root,
    packageKey: crate ? packageKey(crate) : undefined,
    compiled: b.compiled,
  };
}

function pickArtifact(artifacts: WasmArtifact[], metadata: CargoMetadata): WasmArtifact {
  if (artifacts.length === 1) return artifacts[0]!;
  if (artifacts.length === 0) {
    throw new ActionError('build', 'cargo built no .wasm file: the crate needs a bin target or a cdylib library, and "target" a wasm32 target');
  }
  const names = artifacts.map((a) => {
    const pkg = metadata.packages.find((p) => p.id === a.packageId)?.name ?? a.packageId;
    return `${a.targetName} (package ${pkg}, ${a.kinds.join('/')})`;
  });
  throw new ActionError(
    'build',
    `cargo built ${artifacts.length} WebAssembly files: ${names.join(', ')}. Choose one with "cargo-args", e.g. "-p <package>" or "--bin <name>"`,
  );
}

async function runCargo(args: string[], cwd: string, log: BuildLog): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  try {
    const code = await exec('cargo', args, {
      cwd,
      silent: true,
      ignoreReturnCode: true,
      listeners: {
        // JSON messages are for us; anything else on stdout (build scripts) and cargo's stderr go to the log.
        stdline: (line) => {
          stdout.push(line);
          if (!line.startsWith('{')) log.info(line);
        },
        errline: (line) => {
          stderr.push(line);
          log.info(line);
        },
      },
    });
    return { code, stdout, stderr };
  } catch (err) {
    throw new ActionError(
      'build',
      `cannot run cargo (${(err as Error).message}): add a Rust toolchain step before this one, e.g. dtolnay/rust-toolchain with targets: wasm32-wasip2`,
    );
  }
}

/** Saves the cache without what the next build does not need (prune.ts), which is put back right after. */
async function saveLean(
  plan: CachePlan,
  restored: string | undefined,
  built: { run: { stdout: string[] }; metadata: CargoMetadata; lockfile: string; cargoHome: string },
  log: BuildLog,
): Promise<void> {
  const members = new Set(built.metadata.packages.map((p) => p.id));
  const used = usedDependencyUnits(built.run.stdout, members);
  const locked = new Set(built.lockfile ? parseCargoLock(built.lockfile).map((p) => `${p.name}-${p.version}`) : []);
  // Leaving things out is an economy: when they cannot be moved aside (target/ on its own mount, a parent
  // that is not writable), the cache is saved whole rather than the build failed.
  const stash = await stashUnneeded(built.metadata.target_directory, used, join(built.cargoHome, 'registry', 'cache'), locked).catch((err: Error) => {
    log.warning(`The cache is saved with all of target/: what the next build does not need could not be moved aside (${err.message})`);
    return undefined;
  });
  if (stash) {
    log.info(
      `cache: leaving out ${stash.moved} entries (${(stash.bytes / 1048576).toFixed(1)} MiB): the workspace's own artifacts, incremental/, what this build did not use`,
    );
  }
  try {
    await saveCache(plan, restored, log);
  } finally {
    await stash?.restore();
  }
}

/** The workspace's own packages (`cargo metadata --no-deps`), run in `cwd`. */
export async function cargoMetadata(cwd: string): Promise<CargoMetadata> {
  let out;
  try {
    out = await getExecOutput('cargo', ['metadata', '--format-version', '1', '--no-deps'], { cwd, silent: true, ignoreReturnCode: true });
  } catch (err) {
    throw new ActionError('build', `cannot run cargo (${(err as Error).message}): add a Rust toolchain step before this one`);
  }
  if (out.exitCode !== 0) throw new ActionError('build', `cargo metadata failed in ${cwd}: ${out.stderr.trim().split('\n').pop() ?? ''}`);
  return JSON.parse(out.stdout) as CargoMetadata;
}

async function toolchainId(cwd: string): Promise<string> {
  const out = await getExecOutput('rustc', ['-vV'], { cwd, silent: true, ignoreReturnCode: true }).catch(() => undefined);
  return out?.stdout ?? 'unknown';
}

function onPath(tool: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => dir !== '' && existsSync(join(dir, tool)));
}

/** cargo-component on PATH, else from the cache, else `cargo install` (then cached for the next run). */
async function ensureCargoComponent(s: BuildSettings, cargoHome: string, cwd: string, log: BuildLog, env: NodeJS.ProcessEnv): Promise<void> {
  if (onPath('cargo-component', env)) return;
  const plan = cargoComponentCachePlan(`${platform()}`, arch(), s.cargoComponentVersion, cargoHome);
  const restored = s.cache ? await restoreCache(plan, log) : undefined;
  if (restored && existsSync(join(cargoHome, 'bin', 'cargo-component'))) return;
  const args = installCargoComponentCommand(s.cargoComponentVersion);
  const code = await log.group(`cargo ${args.join(' ')}`, () => exec('cargo', args, { cwd, ignoreReturnCode: true }));
  if (code !== 0) throw new ActionError('build', `installing cargo-component ${s.cargoComponentVersion} failed (cargo exited with ${code})`);
  if (s.cache) await saveCache(plan, restored, log);
}
