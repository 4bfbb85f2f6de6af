// Writes the artifact as an OCI image layout (image-spec v1.1 image-layout.md): `oci-layout`, `index.json`,
// `blobs/sha256/<hex>`. Each tag is one index entry with `org.opencontainers.image.ref.name`, which is
// how `skopeo copy oci:DIR:TAG` finds it. An existing layout is merged into, not replaced.
import { copyFile, mkdir, readFile, writeFile, access } from 'node:fs/promises';
import { join } from 'node:path';
import { OCI_INDEX, type Descriptor } from '../oci/spec.js';
import type { BuiltArtifact } from './manifest.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

export async function writeOciLayout(dir: string, artifact: BuiltArtifact, layerPath: string, tags: string[]): Promise<void> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const blobPath = (digest: string) => join(blobs, digest.slice('sha256:'.length));
  if (!(await exists(blobPath(artifact.layer.digest)))) await copyFile(layerPath, blobPath(artifact.layer.digest));
  await writeFile(blobPath(artifact.config.descriptor.digest), artifact.config.bytes);
  await writeFile(blobPath(artifact.manifest.descriptor.digest), artifact.manifest.bytes);
  await writeFile(join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));

  let manifests: Descriptor[] = [];
  try {
    manifests = (JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as { manifests?: Descriptor[] }).manifests ?? [];
  } catch {
    // no index yet
  }
  const names = tags.length > 0 ? tags : [undefined];
  const replaced = new Set(names.filter((n): n is string => n !== undefined));
  manifests = manifests.filter((m) => !(m.annotations?.[REF_NAME] && replaced.has(m.annotations[REF_NAME])));
  for (const name of names) {
    manifests.push({ ...artifact.manifest.descriptor, ...(name ? { annotations: { [REF_NAME]: name } } : {}) });
  }
  await writeFile(join(dir, 'index.json'), JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }, null, 2));
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
