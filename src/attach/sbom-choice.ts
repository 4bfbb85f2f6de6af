// Which SBOM a run attaches, from the `sbom` input: generated (with the locked packages of the crate when the
// action built one) or the user's file. Loaded only when a run attaches one (CycloneDX is large).
import { basename } from 'node:path';
import type { Referrer } from '../oci/referrers.js';
import type { BuiltComponent } from '../build/build-crate.js';
import { sbomReferrer } from './sbom-referrer.js';

export async function sbomForRun(
  option: string,
  built: BuiltComponent | undefined,
  componentPath: string,
  layerDigest: string,
  created: string,
): Promise<Referrer | undefined> {
  const packages =
    built && option === 'auto' ? await (await import('../build/crate-packages.js')).lockedPackages(built.crateDir, built.workspaceRoot) : undefined;
  return sbomReferrer(option, {
    name: built?.crate?.name ?? basename(componentPath),
    version: built?.crate?.version,
    sha256: layerDigest.slice('sha256:'.length),
    created,
    packages,
    rootPackage: built?.packageKey,
  });
}
