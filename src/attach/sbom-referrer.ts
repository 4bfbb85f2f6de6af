// The SBOM as a referrer: generated (CycloneDX) or the user's file, in one layer of its own media type,
// with the empty config (image-spec "artifacts guidance"), as `oras attach` lays it out.
import { createHash } from 'node:crypto';
import { EMPTY_CONFIG, type Referrer } from '../oci/referrers.js';
import type { LockedPackage } from './cargo-lock.js';
import { CYCLONEDX_JSON, cyclonedxSbom } from './sbom.js';
import { readSbomFile } from './sbom-file.js';

export interface SbomSubject {
  name: string;
  version?: string;
  /** Hex sha256 of the component file. */
  sha256: string;
  created: string;
  packages?: LockedPackage[];
  rootPackage?: string;
}

/** `option` is the `sbom` input: auto, false, or a path. */
export async function sbomReferrer(option: string, subject: SbomSubject): Promise<Referrer | undefined> {
  if (option === 'false') return undefined;
  const { bytes, mediaType } =
    option === 'auto'
      ? {
          bytes: cyclonedxSbom({ component: subject, created: subject.created, packages: subject.packages, rootPackage: subject.rootPackage }),
          mediaType: CYCLONEDX_JSON,
        }
      : await readSbomFile(option);
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  return {
    artifactType: mediaType,
    config: EMPTY_CONFIG,
    layers: [{ descriptor: { mediaType, digest, size: bytes.length }, source: { bytes } }],
    annotations: { 'org.opencontainers.image.created': subject.created },
  };
}
