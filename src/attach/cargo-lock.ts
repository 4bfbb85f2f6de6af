// Cargo.lock (TOML, format v3/v4): every package with version, source, checksum and dependencies.
import { parse } from 'smol-toml';

export interface LockedPackage {
  name: string;
  version: string;
  /** `registry+https://…`, `git+https://…`; undefined for path (workspace) packages. */
  source?: string;
  /** sha256 of the .crate file, for registry packages. */
  checksum?: string;
  /** SPDX expression from the package's manifest, when known (cargo metadata). */
  license?: string;
  /** Dependencies as `name@version`. */
  dependencies: string[];
}

export const packageKey = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

export function parseCargoLock(text: string): LockedPackage[] {
  const doc = parse(text) as { package?: Array<{ name: string; version: string; source?: string; checksum?: string; dependencies?: string[] }> };
  const packages = doc.package ?? [];
  // A dependency entry is "name", "name version" or "name version (source)"; the name alone is unique in the lock.
  const resolve = (entry: string): string => {
    const [name, version] = entry.split(' ');
    const match = packages.find((p) => p.name === name && (version === undefined || p.version === version));
    return match ? packageKey(match) : entry;
  };
  return packages.map((p) => ({
    name: p.name,
    version: p.version,
    source: p.source,
    checksum: p.checksum,
    dependencies: (p.dependencies ?? []).map(resolve),
  }));
}
