// Build caches through @actions/cache: cargo's registry and git checkouts plus the crate's target/, and
// the installed cargo-component binary. A cache service that is missing or down only costs time: it logs
// a warning and the build goes on.
import * as cache from '@actions/cache';
import { createHash } from 'node:crypto';
import type { BuildLog } from './log.js';

export interface CachePlan {
  key: string;
  restoreKeys: string[];
  paths: string[];
}

export interface CargoCacheFacts {
  os: string;
  /** `rustc -vV`: changes with the toolchain, so does the key. */
  toolchain: string;
  target: string;
  profile: string;
  /** Cargo.lock's content, or '' when there is none. */
  lockfile: string;
  cargoHome: string;
  targetDir: string;
  /** cargo-component's version in that mode: its output differs from plain cargo's. */
  builder: string;
  /** The workspace members' dependency declarations (cargo metadata's `dependencies`), and what changes codegen in the environment. */
  manifests: string;
  codegenEnv: string;
}

const short = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/**
 * Exact key per lockfile and dependency declarations; restore keys fall back to the newest cache of the same
 * toolchain, target, profile and codegen environment (a cache built with other RUSTFLAGS is no use).
 */
export function cargoCachePlan(f: CargoCacheFacts): CachePlan {
  const prefix = `wasm-oci-publish-cargo-${f.os}-${short(f.toolchain)}-${f.builder}-${f.target}-${f.profile}-${short(f.codegenEnv)}-`;
  return {
    key: `${prefix}${short(f.lockfile + f.manifests)}`,
    restoreKeys: [prefix],
    paths: [`${f.cargoHome}/registry/index`, `${f.cargoHome}/registry/cache`, `${f.cargoHome}/git/db`, f.targetDir],
  };
}

export function cargoComponentCachePlan(os: string, arch: string, version: string, cargoHome: string): CachePlan {
  return { key: `wasm-oci-publish-cargo-component-${os}-${arch}-${version}`, restoreKeys: [], paths: [`${cargoHome}/bin/cargo-component`] };
}

/** Restores; returns the key that matched, or undefined (miss, or no cache service). */
export async function restoreCache(plan: CachePlan, log: BuildLog): Promise<string | undefined> {
  if (!cache.isFeatureAvailable()) {
    log.warning('The cache service is not available here (local run or GHES without it): building without a cache.');
    return undefined;
  }
  try {
    const started = Date.now();
    const hit = await cache.restoreCache([...plan.paths], plan.key, plan.restoreKeys);
    log.info(hit ? `cache restored from ${hit} in ${Date.now() - started} ms` : `cache miss in ${Date.now() - started} ms: no cache for ${plan.key}`);
    return hit;
  } catch (err) {
    log.warning(`Cache restore failed, building without it: ${(err as Error).message}`);
    return undefined;
  }
}

/** What in the environment changes the code rustc makes, as rust-cache keys on it: RUSTFLAGS, CARGO_* settings, the C toolchain. */
export function codegenEnvironment(env: NodeJS.ProcessEnv): string {
  return Object.keys(env)
    .filter((k) => /^(RUST|CARGO_(ENCODED_RUSTFLAGS|PROFILE_|BUILD_|TARGET_|INCREMENTAL|CFG_)|CC|CXX|CFLAGS|CXXFLAGS|AR|LD)/.test(k) && k !== 'RUSTUP_HOME')
    .sort()
    .map((k) => `${k}=${env[k]}`)
    .join('\n');
}

/** Whether saveCache would save: not when the exact key was restored (caches are immutable per key), nor without the service. */
export function willSave(plan: CachePlan, restoredKey: string | undefined): boolean {
  return restoredKey !== plan.key && cache.isFeatureAvailable();
}

/** Saves unless the exact key was restored (caches are immutable per key). */
export async function saveCache(plan: CachePlan, restoredKey: string | undefined, log: BuildLog): Promise<void> {
  if (!willSave(plan, restoredKey)) return;
  try {
    const started = Date.now();
    await cache.saveCache([...plan.paths], plan.key);
    log.info(`cache saved as ${plan.key} in ${Date.now() - started} ms`);
  } catch (err) {
    log.warning(`Cache save failed: ${(err as Error).message}`);
  }
}
