// The crate's dependency set for the SBOM: what cargo compiled into this artifact (from the build's JSON
// messages), with Cargo.lock's graph and checksums and the licenses cargo metadata reads from each manifest.
// What only ran on the build machine (proc-macros, build scripts and their dependencies) is marked excluded;
// what was not compiled at all (dev-dependencies, other workspace members, other platforms' crates) is left out.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getExecOutput } from '@actions/exec';
import { parseCargoLock, type LockedPackage } from './cargo-lock.js';
import { packageKey } from './crate.js';

interface MetadataPackage {
  id: string;
  name: string;
  version: string;
  license: string | null;
}

/** `root` (name@version): only what it depends on, directly or not, is its; another component of the same build is not. */
export async function lockedPackages(cwd: string, workspaceRoot: string, compiled: Map<string, { host: boolean }>, root?: string): Promise<LockedPackage[]> {
  const lock = parseCargoLock(await readFile(join(workspaceRoot, 'Cargo.lock'), 'utf8'));
  // After the build every package is local: no network is needed here.
  const out = await getExecOutput('cargo', ['metadata', '--format-version', '1', '--locked', '--offline'], { cwd, silent: true, ignoreReturnCode: true });
  const metadata = out.exitCode === 0 ? (JSON.parse(out.stdout) as { packages: MetadataPackage[] }).packages : [];
  const byId = new Map(metadata.map((p) => [p.id, p]));
  const licenses = new Map(metadata.map((p) => [packageKey(p), p.license]));
  // Package ids as cargo metadata and the build messages write them, to name@version.
  const built = new Map<string, boolean>();
  for (const [id, { host }] of compiled) {
    const key = byId.has(id) ? packageKey(byId.get(id)!) : keyFromPackageId(id);
    if (key) built.set(key, (built.get(key) ?? true) && host);
  }
  const reachable = root ? closure(lock, root) : undefined;
  return lock
    .filter((p) => built.has(p.ref) && (reachable === undefined || reachable.has(p.ref)))
    .map((p) => ({ ...p, license: licenses.get(p.ref) ?? undefined, ...(built.get(p.ref) ? { excluded: true } : {}) }));
}

/** `serde 1.0.152 (registry+…)` (cargo before 1.77) or `registry+…#serde@1.0.152` / `path+file:///…/app#0.3.0` (since). */
function keyFromPackageId(id: string): string | undefined {
  const old = /^(\S+) (\S+) \(/.exec(id);
  if (old) return `${old[1]}@${old[2]}`;
  const fragment = id.split('#')[1];
  if (!fragment) return undefined;
  if (fragment.includes('@')) return fragment;
  const name = id.split('#')[0]!.replace(/\/+$/, '').split('/').pop();
  return name ? `${name}@${fragment}` : undefined;
}

/** The refs `root` depends on through Cargo.lock, itself included. */
function closure(lock: LockedPackage[], root: string): Set<string> {
  const byRef = new Map(lock.map((p) => [p.ref, p]));
  const seen = new Set<string>();
  const queue = [root];
  for (let ref = queue.pop(); ref !== undefined; ref = queue.pop()) {
    if (seen.has(ref)) continue;
    seen.add(ref);
    queue.push(...(byRef.get(ref)?.dependencies ?? []));
  }
  return seen;
}
