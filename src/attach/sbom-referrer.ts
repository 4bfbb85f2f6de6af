// The SBOM as a referrer: generated (CycloneDX) or the user's file, in one layer of its own media type,
// with the empty config (image-spec "artifacts guidance"), as `oras attach` lays it out.
import type { Referrer } from '../oci/referrers.js';
import { EMPTY_CONFIG, sha256Digest } from '../oci/spec.js';
import { CYCLONEDX_JSON, cyclonedxSbom, type SbomPackage } from './sbom.js';
import { readSbomFile } from './sbom-file.js';

export interface SbomSubject {
  name: string;
  version?: string;
  /** Hex sha256 of the component file. */
  sha256: string;
  created: string;
  packages?: SbomPackage[];
  rootPackage?: string;
}

/** The `sbom` input: generate one (`auto`), attach none (`false`), or attach the user's file (a path). */
export type SbomChoice = { kind: 'generate' } | { kind: 'none' } | { kind: 'file'; path: string };

export async function sbomReferrer(choice: Exclude<SbomChoice, { kind: 'none' }>, subject: SbomSubject): Promise<Referrer> {
  const { bytes, mediaType } =
    choice.kind === 'generate'
      ? {
          bytes: cyclonedxSbom({ component: subject, created: subject.created, packages: subject.packages, rootPackage: subject.rootPackage }),
          mediaType: CYCLONEDX_JSON,
        }
      : await readSbomFile(choice.path);
  const digest = sha256Digest(bytes);
  return {
    artifactType: mediaType,
    config: EMPTY_CONFIG,
    layers: [{ descriptor: { mediaType, digest, size: bytes.length }, source: { bytes } }],
    annotations: { 'org.opencontainers.image.created': subject.created },
  };
}
