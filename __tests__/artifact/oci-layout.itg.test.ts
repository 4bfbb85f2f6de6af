// The OCI layout output, read by skopeo and copied to the real registry with its digest intact.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeOciLayout } from '../../src/artifact/oci-layout.js';
import { buildArtifact } from '../../src/artifact/manifest.js';
import { digestFile } from '../helpers/file-digest.js';
import { helloComponentFile, tmp } from '../helpers/components.js';
import { registryForSuite } from '../helpers/registry.js';
import { rawManifest } from '../helpers/skopeo.js';

const exec = promisify(execFile);

describe('writeOciLayout', () => {
  const registry = registryForSuite('anonymous');

  it('writes a layout skopeo can copy to a registry, digest unchanged', async () => {
    const component = await helloComponentFile();
    const layer = await digestFile(component);
    const artifact = buildArtifact({ facts: { kind: 'module' }, layer: { ...layer, title: 'hello.wasm' }, created: 'c', annotations: {} });
    const dir = tmp('layout');
    await writeOciLayout(dir, artifact, component, ['1.0.0', 'latest']);

    expect(JSON.parse(readFileSync(join(dir, 'oci-layout'), 'utf8'))).toEqual({ imageLayoutVersion: '1.0.0' });
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
    expect(index.manifests.map((m: { annotations: Record<string, string> }) => m.annotations['org.opencontainers.image.ref.name'])).toEqual([
      '1.0.0',
      'latest',
    ]);
    expect(readdirSync(join(dir, 'blobs', 'sha256')).sort()).toEqual(
      [artifact.manifest.descriptor.digest, artifact.config.descriptor.digest, layer.digest].map((d) => d.slice(7)).sort(),
    );

    await exec('skopeo', ['copy', '--dest-tls-verify=false', `oci:${dir}:1.0.0`, `docker://${registry.host}/from/layout:1.0.0`]);
    const manifest = await rawManifest(`${registry.host}/from/layout:1.0.0`);
    expect(Buffer.from(manifest).equals(artifact.manifest.bytes)).toBe(true);

    // Writing again with one tag moved: the entry is replaced, the other kept.
    await writeOciLayout(dir, artifact, component, ['latest']);
    expect(JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')).manifests).toHaveLength(2);
  });
});
