// What the OCI specs define, as data: descriptors, media types, digests, the empty config and the referrers
// fallback tag. No I/O here: the artifact, the SBOM and the signature are built from these, and the HTTP
// client (repository.ts) sends them.
import { createHash } from 'node:crypto';

/** image-spec descriptor.md. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  artifactType?: string;
}

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';

/** image-spec digest.md: `sha256:<64 hex>`. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** The empty config of artifacts that carry all in their layers (image-spec: "Guidance for an Empty Descriptor"). */
export const EMPTY_CONFIG: { descriptor: Descriptor; bytes: Buffer } = {
  descriptor: { mediaType: 'application/vnd.oci.empty.v1+json', digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2 },
  bytes: Buffer.from('{}'),
};

/** `sha256:abc…` → `sha256-abc…`, at most 128 characters (distribution-spec "Referrers Tag Schema"). */
export function fallbackTag(digest: string): string {
  return digest.replace(':', '-').slice(0, 128);
}
