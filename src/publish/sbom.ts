// The SBOM a run attaches. CycloneDX and Cargo.lock parsing are loaded only when one is made.
import { basename } from 'node:path';
import type { SbomChoice } from '../attach/sbom-referrer.js';
import type { BuiltComponent } from '../cargo/build-crate.js';
import type { AuditedDependencies } from '../wasm/auditable.js';
import type { Referrer } from '../oci/referrers.js';

/**
 * The SBOM referrer: the user's file, or one generated with what was compiled into the component: the built
 * crate's packages, or, for a prebuilt component, the list cargo-auditable embedded in it.
 */
export async function makeSbom(
  choice: Exclude<SbomChoice, { kind: 'none' }>,
  built: BuiltComponent | undefined,
  componentPath: string,
  layer: { digest: string; dependencies?: AuditedDependencies },
  created: string,
): Promise<Referrer> {
  const { sbomReferrer } = await import('../attach/sbom-referrer.js');
  const generate = choice.kind === 'generate';
  const packages = !generate
    ? undefined
    : built
      ? await (await import('../cargo/crate-packages.js')).lockedPackages(built.crateDir, built.workspaceRoot, built.compiled, built.packageKey)
      : layer.dependencies?.packages;
  const audited = !built && generate ? layer.dependencies?.packages.find((p) => p.ref === layer.dependencies?.root) : undefined;
  return sbomReferrer(choice, {
    name: built?.crate?.name ?? audited?.name ?? basename(componentPath),
    version: built?.crate?.version ?? audited?.version,
    sha256: layer.digest.slice('sha256:'.length),
    created,
    packages,
    rootPackage: built?.packageKey ?? audited?.ref,
  });
}
