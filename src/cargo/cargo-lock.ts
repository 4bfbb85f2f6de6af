// Cargo.lock (TOML, format v3/v4): every package with version, source, checksum and dependencies.
import { parse } from 'smol-toml';
import type { SbomPackage } from '../attach/sbom.js';
import { packageKey } from './crate.js';

/** A package of the lock, as the SBOM lists it. */
export type LockedPackage = SbomPackage;

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
    ref: packageKey(p),
    name: p.name,
    version: p.version,
    source: p.source,
    checksum: p.checksum,
    dependencies: (p.dependencies ?? []).map(resolve),
  }));
}
