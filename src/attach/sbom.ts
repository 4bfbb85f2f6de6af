// A CycloneDX 1.6 JSON SBOM, built with @cyclonedx/cyclonedx-library: the published component as the
// metadata component (with its sha256), and for a crate every package of Cargo.lock with its purl
// (pkg:cargo/…), checksum, license and dependency graph. No serial number and the commit's time, so the
// same build gives the same SBOM, and the same digest.
// Subpath imports: the package index also loads its schema resources through __dirname, which the ESM
// bundle does not have.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';

export const CYCLONEDX_JSON = 'application/vnd.cyclonedx+json';

/** A package the SBOM lists: a crate of Cargo.lock, with its license when cargo metadata knows it. */
export interface SbomPackage {
  /** Unique in the SBOM (`name@version`): its bom-ref, and what `dependencies` and `rootPackage` name. */
  ref: string;
  name: string;
  version: string;
  /** `registry+https://…`, `git+https://…`; undefined for path (workspace) packages. */
  source?: string;
  /** sha256 of the .crate file, for registry packages. */
  checksum?: string;
  /** SPDX expression from the package's manifest. */
  license?: string;
  /** The refs of its dependencies. */
  dependencies: string[];
  /** Compiled for the build machine only (a proc-macro, a build script's dependency): not in the artifact. */
  excluded?: boolean;
}

export interface SbomInput {
  component: { name: string; version?: string; sha256: string };
  created: string;
  /** Cargo.lock's packages; the root package (the crate itself) is the metadata component. */
  packages?: SbomPackage[];
  rootPackage?: string;
}

export function cyclonedxSbom(input: SbomInput): Buffer {
  const bom = new Models.Bom();
  const root = new Models.Component(Enums.ComponentType.Application, input.component.name, {
    bomRef: input.rootPackage ?? 'component',
    version: input.component.version,
    hashes: new Models.HashDictionary([[Enums.HashAlgorithm['SHA-256'], input.component.sha256]]),
  });
  bom.metadata.timestamp = new Date(input.created);
  bom.metadata.component = root;
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, 'wasm-oci-publish'));

  const byKey = new Map<string, Models.Component>();
  for (const p of input.packages ?? []) {
    if (p.ref === input.rootPackage) continue;
    const c = new Models.Component(Enums.ComponentType.Library, p.name, {
      bomRef: p.ref,
      version: p.version,
      purl: cargoPurl(p),
      hashes: p.checksum ? new Models.HashDictionary([[Enums.HashAlgorithm['SHA-256'], p.checksum]]) : undefined,
      licenses: p.license ? new Models.LicenseRepository([new Models.LicenseExpression(p.license)]) : undefined,
      // CycloneDX: "excluded" components are not part of the runtime (here, not in the .wasm) but stay in the graph.
      scope: p.excluded ? Enums.ComponentScope.Excluded : undefined,
    });
    byKey.set(p.ref, c);
    bom.components.add(c);
  }
  for (const p of input.packages ?? []) {
    const from = p.ref === input.rootPackage ? root : byKey.get(p.ref);
    for (const dep of p.dependencies) {
      const to = byKey.get(dep);
      if (from && to) from.dependencies.add(to.bomRef);
    }
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return Buffer.from(serializer.serialize(bom, { sortLists: true }));
}

/** purl-spec cargo type: pkg:cargo/<name>@<version>; crates.io is the default repository. */
function cargoPurl(p: SbomPackage): string {
  const purl = `pkg:cargo/${encodeURIComponent(p.name)}@${encodeURIComponent(p.version)}`;
  if (!p.source || p.source === 'registry+https://github.com/rust-lang/crates.io-index') return purl;
  return `${purl}?${p.source.startsWith('git+') ? 'vcs_url' : 'repository_url'}=${encodeURIComponent(p.source.replace(/^registry\+/, ''))}`;
}
