// The OCI layout output, read by skopeo and copied to the real registry with its digest intact.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
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

describe('writeOciLayout on a layout an earlier run left broken', () => {
  const registry = registryForSuite('anonymous');
  const make = async () => {
    const component = await helloComponentFile();
    const layer = await digestFile(component);
    const artifact = buildArtifact({ facts: { kind: 'module' }, layer: { ...layer, title: 'hello.wasm' }, created: 'c', annotations: {} });
    return { component, layer, artifact, dir: tmp('layout-broken') };
  };

  it('replaces a truncated layer blob instead of trusting its name; skopeo then copies the layout', async () => {
    const { component, layer, artifact, dir } = await make();
    await writeOciLayout(dir, artifact, component, ['v1']);
    const blob = join(dir, 'blobs', 'sha256', layer.digest.slice(7));
    truncateSync(blob, 100); // what a run killed half way through the copy used to leave
    await writeOciLayout(dir, artifact, component, ['v1']);
    expect(readFileSync(blob).equals(readFileSync(component))).toBe(true);
    await exec('skopeo', ['copy', '--dest-tls-verify=false', `oci:${dir}:v1`, `docker://${registry.host}/from/repaired:v1`]);
  });

  it('fails on an index.json it cannot read, keeping the file and its tags', async () => {
    const { component, artifact, dir } = await make();
    await writeOciLayout(dir, artifact, component, ['v1', 'v2']);
    const index = join(dir, 'index.json');
    const half = readFileSync(index).subarray(0, 60);
    writeFileSync(index, half);
    await expect(writeOciLayout(dir, artifact, component, ['v3'])).rejects.toThrow(/index\.json is not an OCI image index .*the tags it lists would be lost/);
    expect(readFileSync(index).equals(half)).toBe(true);
  });

  it('writes nothing under a digest that does not match: a layer that changed since it was read is refused', async () => {
    const { component, layer, artifact, dir } = await make();
    writeFileSync(component, 'not what was inspected');
    await expect(writeOciLayout(dir, artifact, component, ['v1'])).rejects.toThrow(/changed while it was published/);
    expect(readdirSync(join(dir, 'blobs', 'sha256'))).toEqual([]); // no blob, no temporary file left
    expect(existsSync(join(dir, 'blobs', 'sha256', layer.digest.slice(7)))).toBe(false);
    expect(existsSync(join(dir, 'index.json'))).toBe(false);
  });
});
