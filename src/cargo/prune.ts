// What the build cache holds of target/ and cargo's registry: what Swatinem/rust-cache keeps (src/cleanup.ts
// there) and nothing else. Left out: `incremental/`; the workspace's own crates (rebuilt anyway on GitHub,
// where a fresh checkout's sources are newer than any cached fingerprint); dependency artifacts this build
// did not use (an older Cargo.lock's, restored from an older cache: kept, they make every cache larger than
// the last); and downloaded .crate files not in Cargo.lock. "Used" is what cargo's own JSON messages name,
// fresh units included: every compiler-artifact's files and every build script's out_dir, each carrying the
// unit's 16-hex metadata hash that also names its deps/, build/ and .fingerprint/ entries.
//
// The files are not deleted: the step's user may still want target/ (and this step reads the built .wasm
// after the save). They are moved aside, beside target/ (the same filesystem, so a rename), for the save,
// then moved back; the cache paths stay the same on every run, as @actions/cache's version needs.
import { lstat, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { ActionError } from '../errors.js';
import { dirname, join, relative } from 'node:path';

/** A unit's metadata hash in a file or directory name: `libserde-0123456789abcdef.rlib`, `serde-0123456789abcdef`. */
const UNIT_HASH = /-([0-9a-f]{16})(?:\.|$)/;

/** The unit hashes of packages outside the workspace that this build compiled or found fresh. */
export function usedDependencyUnits(stdoutLines: string[], members: Set<string>): Set<string> {
  const used = new Set<string>();
  const add = (path: string) => {
    for (const part of path.split(/[\\/]/).reverse().slice(0, 3)) {
      const hash = UNIT_HASH.exec(part)?.[1];
      if (hash) return void used.add(hash);
    }
  };
  for (const line of stdoutLines) {
    if (!line.startsWith('{')) continue;
    let m: { reason?: string; package_id?: string; filenames?: string[]; out_dir?: string };
    try {
      m = JSON.parse(line) as typeof m;
    } catch {
      continue;
    }
    if (!m.package_id || members.has(m.package_id)) continue;
    if (m.reason === 'compiler-artifact') (m.filenames ?? []).forEach(add);
    if (m.reason === 'build-script-executed' && m.out_dir) add(m.out_dir);
  }
  return used;
}

export interface Stash {
  /** How many entries were moved aside, and their bytes. */
  moved: number;
  bytes: number;
  restore(): Promise<void>;
}

/**
 * Moves aside what the cache should not hold: in every profile directory of `targetDir` (`release`,
 * `wasm32-wasip2/release`, …), `incremental/`, `examples/`, its top-level files (the members' outputs), and the
 * entries of `deps/`, `build/` and `.fingerprint/` whose unit is not in `used`; in `registryCache`, the .crate
 * files that are not `<name>-<version>` of a Cargo.lock package.
 */
export async function stashUnneeded(targetDir: string, used: Set<string>, registryCache: string, lockPackages: Set<string>): Promise<Stash> {
  const moves: Array<{ root: string; path: string }> = [];
  for (const profile of await profileDirs(targetDir)) {
    for (const entry of await entries(profile)) {
      const path = join(profile, entry.name);
      if (entry.isDirectory() && ['deps', 'build', '.fingerprint'].includes(entry.name)) {
        for (const unit of await entries(path)) {
          const hash = UNIT_HASH.exec(unit.name)?.[1];
          if (!hash || !used.has(hash)) moves.push({ root: targetDir, path: join(path, unit.name) });
        }
      } else if (entry.name !== '.cargo-lock') {
        moves.push({ root: targetDir, path }); // incremental/, examples/, the members' outputs
      }
    }
  }
  for (const index of await entries(registryCache)) {
    for (const crate of await entries(join(registryCache, index.name))) {
      if (!lockPackages.has(crate.name.replace(/\.crate$/, ''))) moves.push({ root: registryCache, path: join(registryCache, index.name, crate.name) });
    }
  }
  const asides = new Map<string, string>();
  const done: Array<[string, string]> = [];
  let bytes = 0;
  try {
    for (const { root, path } of moves) {
      if (!asides.has(root)) asides.set(root, await aside(root));
      const to = join(asides.get(root)!, relative(root, path));
      bytes += await size(path);
      await mkdir(dirname(to), { recursive: true });
      await rename(path, to);
      done.push([path, to]);
    }
  } catch (err) {
    await putBack(done, [...asides.values()]);
    throw err;
  }
  return { moved: done.length, bytes, restore: () => putBack(done, [...asides.values()]) };
}

/** Every entry back where it was, as far as each rename goes; the aside directories go only when emptied. */
async function putBack(done: Array<[string, string]>, asides: string[]): Promise<void> {
  const failed: string[] = [];
  for (const [from, to] of done.reverse()) await rename(to, from).catch((err: Error) => failed.push(`${from} (${err.message})`));
  if (failed.length > 0) {
    throw new ActionError(
      'build',
      `${failed.length} entries moved aside for the cache save could not be put back, the first ${failed[0]}: they are in ${asides.join(', ')}`,
    );
  }
  await Promise.all(asides.map((a) => rm(a, { recursive: true, force: true })));
}

/** A fresh directory beside `dir` (so on its filesystem): renames into it are cheap and atomic. */
function aside(dir: string): Promise<string> {
  return mkdtemp(join(dirname(dir), '.wasm-oci-publish-aside-'));
}

/** Directories holding what cargo writes per profile (`deps/`, `build/`, `.fingerprint/`, `incremental/`): `target/release`, `target/<triple>/release`. */
const PROFILE_PARTS = new Set(['deps', 'build', '.fingerprint', 'incremental']);

async function profileDirs(targetDir: string): Promise<string[]> {
  const found: string[] = [];
  const visit = async (dir: string, depth: number) => {
    const names = (await entries(dir)).filter((e) => e.isDirectory()).map((e) => e.name);
    if (names.some((n) => PROFILE_PARTS.has(n))) return void found.push(dir);
    if (depth < 2) for (const name of names) await visit(join(dir, name), depth + 1);
  };
  await visit(targetDir, 0);
  return found;
}

async function entries(dir: string) {
  return readdir(dir, { withFileTypes: true }).catch(() => []);
}

/** Bytes under `path`, symbolic links not followed (a build script's out/ may hold any). */
async function size(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const e of await entries(path)) total += await size(join(path, e.name));
  return total;
}
