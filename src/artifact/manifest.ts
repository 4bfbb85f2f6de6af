// The OCI image manifest of a Wasm artifact: one config, one application/wasm layer (image-spec v1.1
// manifest.md; the Wasm OCI Artifact layout: consumers reject more than one layer).
import { OCI_MANIFEST, sha256Digest, type Descriptor } from '../oci/spec.js';
import type { ManifestToPush } from '../oci/push.js';
import type { WasmFacts } from '../wasm/inspect.js';
import { WASM_CONFIG_MEDIA_TYPE, WASM_LAYER_MEDIA_TYPE, buildWasmConfig } from './wasm-config.js';

export interface ArtifactInput {
  facts: WasmFacts;
  layer: { digest: string; size: number; title: string };
  created: string;
  annotations: Record<string, string>;
}

export interface BuiltArtifact {
  config: { descriptor: Descriptor; bytes: Buffer };
  layer: Descriptor;
  manifest: { descriptor: Descriptor; bytes: Buffer };
  /** The manifest's annotations, sorted by key as written. */
  annotations: Record<string, string>;
}

export function buildArtifact(input: ArtifactInput): BuiltArtifact {
  // Compact JSON with a fixed key order: the same inputs give the same bytes, so the same digests.
  const configBytes = Buffer.from(JSON.stringify(buildWasmConfig(input.facts, input.layer.digest, input.created)));
  const config: Descriptor = { mediaType: WASM_CONFIG_MEDIA_TYPE, digest: sha256Digest(configBytes), size: configBytes.length };
  const layer: Descriptor = {
    mediaType: WASM_LAYER_MEDIA_TYPE,
    digest: input.layer.digest,
    size: input.layer.size,
    // Without a title, `oras pull` writes no file (wasm-pkg-tools#238); wkg sets it too.
    annotations: { 'org.opencontainers.image.title': input.layer.title },
  };
  const annotations = sortedRecord(input.annotations);
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config,
    layers: [layer],
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
  };
  const manifestBytes = Buffer.from(JSON.stringify(manifest));
  return {
    config: { descriptor: config, bytes: configBytes },
    layer,
    manifest: { descriptor: { mediaType: OCI_MANIFEST, digest: sha256Digest(manifestBytes), size: manifestBytes.length }, bytes: manifestBytes },
    annotations,
  };
}

/** What the registry client pushes: the manifest, the layer streamed from the file, and the config. */
export function pushPayload(artifact: BuiltArtifact, layerPath: string): ManifestToPush {
  return {
    mediaType: artifact.manifest.descriptor.mediaType,
    bytes: artifact.manifest.bytes,
    digest: artifact.manifest.descriptor.digest,
    blobs: [
      { descriptor: artifact.layer, source: { path: layerPath } },
      { descriptor: artifact.config.descriptor, source: { bytes: artifact.config.bytes } },
    ],
  };
}

function sortedRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
