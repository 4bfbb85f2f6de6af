// The crate's full dependency set for the SBOM: Cargo.lock (graph, checksums) joined with the licenses
// cargo metadata reads from each package's manifest.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getExecOutput } from '@actions/exec';
import { parseCargoLock, type LockedPackage } from './cargo-lock.js';
import { packageKey } from './crate.js';

export async function lockedPackages(cwd: string, workspaceRoot: string): Promise<LockedPackage[]> {
  const lock = parseCargoLock(await readFile(join(workspaceRoot, 'Cargo.lock'), 'utf8'));
  // After the build every package is local: no network is needed here.
  const out = await getExecOutput('cargo', ['metadata', '--format-version', '1', '--locked', '--offline'], { cwd, silent: true, ignoreReturnCode: true });
  if (out.exitCode !== 0) return lock;
  const licenses = new Map(
    (JSON.parse(out.stdout) as { packages: Array<{ name: string; version: string; license: string | null }> }).packages.map((p) => [packageKey(p), p.license]),
  );
  return lock.map((p) => ({ ...p, license: licenses.get(packageKey(p)) ?? undefined }));
}
