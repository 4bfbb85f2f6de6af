// What the crate says of itself, from `cargo metadata --format-version 1 --no-deps`: name, version,
// description, license, repository, and cargo-component's `[package.metadata.component]` table (read from
// cargo's own JSON, so no TOML parsing here).

export interface CrateFacts {
  name: string;
  version: string;
  description?: string;
  license?: string;
  repository?: string;
  /** `[package.metadata.component]` is present: the crate is built with cargo-component. */
  usesCargoComponent: boolean;
  /** `[package.metadata.component.target]` as a world id: `wasi:http/proxy@0.2.0`. */
  targetWorld?: string;
}

/** A package's id in a lock and in the SBOM, unique in a workspace: `name@version`. */
export const packageKey = (p: { name: string; version: string }) => `${p.name}@${p.version}`;

export interface CargoMetadata {
  packages: Array<{
    id: string;
    name: string;
    version: string;
    description: string | null;
    license: string | null;
    repository: string | null;
    manifest_path: string;
    /** Declared dependencies and features (`cargo metadata` has them even with --no-deps): part of the cache key. */
    dependencies?: unknown[];
    features?: Record<string, unknown>;
    metadata: { component?: { package?: string; target?: { package?: string; version?: string; world?: string } | string } } | null;
  }>;
  workspace_root: string;
  target_directory: string;
}

export function crateFacts(metadata: CargoMetadata, packageId?: string, manifestPath?: string): CrateFacts | undefined {
  const pkg =
    metadata.packages.find((p) => p.id === packageId) ??
    metadata.packages.find((p) => p.manifest_path === manifestPath) ??
    (metadata.packages.length === 1 ? metadata.packages[0] : undefined);
  if (!pkg) return undefined;
  const component = pkg.metadata?.component;
  return {
    name: pkg.name,
    version: pkg.version,
    description: pkg.description ?? undefined,
    license: pkg.license ?? undefined,
    repository: pkg.repository ?? undefined,
    usesCargoComponent: component !== undefined,
    targetWorld: targetWorld(component?.target),
  };
}

/** cargo-component's target: a table {package, version, world} or a string "wasi:http/proxy@0.2.0". */
function targetWorld(target: { package?: string; version?: string; world?: string } | string | undefined): string | undefined {
  if (typeof target === 'string') return target || undefined;
  if (!target?.package) return undefined;
  // The package may carry its version itself: `wasi:http@0.2.0`.
  const [pkg, pkgVersion] = target.package.split('@');
  const version = target.version ?? pkgVersion;
  return `${pkg}${target.world ? `/${target.world}` : ''}${version ? `@${version.replace(/^[=^~]/, '')}` : ''}`;
}
