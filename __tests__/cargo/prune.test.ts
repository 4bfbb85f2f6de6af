// What the build cache leaves out of target/ and the registry, and that it all comes back after the save.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stashUnneeded, usedDependencyUnits } from '../../src/cargo/prune.js';
import { tmp } from '../helpers/components.js';

const H = (c: string) => c.repeat(16);

function files(root: string, paths: string[]): void {
  for (const p of paths) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), p);
  }
}

function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Array<{ name: string; parentPath: string; isFile(): boolean }>)
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

describe('usedDependencyUnits', () => {
  it("takes the hashes of dependencies' artifacts and build script outputs, fresh or not, and none of the members'", () => {
    const lines = [
      JSON.stringify({ reason: 'compiler-artifact', package_id: 'serde 1.0.0', fresh: true, filenames: [`/t/w/release/deps/libserde-${H('a')}.rlib`] }),
      JSON.stringify({ reason: 'compiler-artifact', package_id: 'serde 1.0.0', filenames: [`/t/release/build/serde-${H('b')}/build-script-build`] }),
      JSON.stringify({ reason: 'build-script-executed', package_id: 'serde 1.0.0', out_dir: `/t/w/release/build/serde-${H('c')}/out` }),
      JSON.stringify({ reason: 'compiler-artifact', package_id: 'app 0.1.0', filenames: [`/t/w/release/deps/app-${H('d')}.wasm`] }),
      'a build script printed this',
    ];
    expect([...usedDependencyUnits(lines, new Set(['app 0.1.0']))].sort()).toEqual([H('a'), H('b'), H('c')]);
  });
});

describe('stashUnneeded', () => {
  it('moves aside incremental/, the members’ outputs, unused units and crates not in the lock, then puts them all back', async () => {
    const root = tmp('prune');
    const target = join(root, 'target');
    const cache = join(root, 'cargo', 'registry', 'cache');
    const kept = [
      `wasm32-wasip2/release/deps/libserde-${H('a')}.rlib`,
      `wasm32-wasip2/release/deps/serde-${H('a')}.d`,
      `wasm32-wasip2/release/.fingerprint/serde-${H('a')}/lib-serde`,
      `wasm32-wasip2/release/build/serde-${H('c')}/out/generated.rs`,
      `release/build/serde-${H('b')}/build-script-build`,
      'wasm32-wasip2/release/.cargo-lock',
      '.rustc_info.json',
    ];
    const left = [
      `wasm32-wasip2/release/deps/app-${H('d')}.wasm`,
      `wasm32-wasip2/release/.fingerprint/app-${H('d')}/bin-app`,
      `wasm32-wasip2/release/deps/libold-${H('e')}.rlib`,
      'wasm32-wasip2/release/app.wasm',
      'wasm32-wasip2/release/app.d',
      'wasm32-wasip2/release/incremental/app-x/s-y/dep-graph.bin',
      'release/incremental/build_script-z/work.bin',
    ];
    files(target, [...kept, ...left]);
    files(cache, ['index.crates.io-1/serde-1.0.0.crate', 'index.crates.io-1/old-0.9.0.crate']);
    const before = [tree(target), tree(cache)];

    const stash = await stashUnneeded(target, new Set([H('a'), H('b'), H('c')]), cache, new Set(['serde-1.0.0']));
    expect(tree(target)).toEqual([...kept].sort());
    expect(tree(cache)).toEqual(['index.crates.io-1/serde-1.0.0.crate']);
    expect(stash.moved).toBe(8); // four files, the app's fingerprint, two incremental/ directories, one .crate
    await stash.restore();
    expect([tree(target), tree(cache)]).toEqual(before);
    expect(readdirSync(root).filter((n) => n.startsWith('.wasm-oci-publish-aside-'))).toEqual([]);
    expect(existsSync(join(root, 'cargo', 'registry'))).toBe(true);
  });

  it('says what it could not put back, and where it is, rather than losing it', async () => {
    const root = tmp('prune-lost');
    const target = join(root, 'target');
    files(target, ['release/incremental/x/work.bin']);
    const stash = await stashUnneeded(target, new Set(), join(root, 'none'), new Set());
    const aside = readdirSync(root).find((n) => n.startsWith('.wasm-oci-publish-aside-'))!;
    mkdirSync(join(target, 'release', 'incremental', 'in-the-way'), { recursive: true }); // the place is taken again
    writeFileSync(join(target, 'release', 'incremental', 'in-the-way', 'f'), '');
    await expect(stash.restore()).rejects.toThrow(new RegExp(`1 entries moved aside for the cache save could not be put back.*they are in .*${aside}`));
    expect(existsSync(join(root, aside, 'release', 'incremental', 'x', 'work.bin'))).toBe(true);
  });

  it('has nothing to do, and makes nothing, without a target/ or a registry cache', async () => {
    const root = tmp('prune-empty');
    const stash = await stashUnneeded(join(root, 'target'), new Set(), join(root, 'none', 'cache'), new Set());
    expect(stash.moved).toBe(0);
    await stash.restore();
    expect(readdirSync(root)).toEqual([]);
  });
});
