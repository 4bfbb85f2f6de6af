// What the bundled action pushed, pulled by OCI clients this project did not write, each comparing the bytes
// with the original: containerd's `ctr` (the resolver and fetcher runwasi pulls Wasm with), and `oras` and
// `regctl` when they are on PATH (Debian 12 packages neither). A client that cannot run here is skipped with
// the reason, never counted as passing. skopeo, the first of them, reads back every push in the other suites.
// Podman and buildah 4.x (Debian 12's) are not among them: they store what they pull as an image, and a
// Wasm OCI artifact has no image config or tar layers to store. Tried with 4.3.1 on what this suite pushes:
// `podman pull` and `buildah pull` both end in "parsing image configuration: unsupported image-specific
// operation on artifact with type "application/vnd.wasm.config.v0+json"" before writing anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { startRegistry, type TestRegistry } from '../helpers/registry.js';
import { errorMessage, runAction } from '../helpers/action.js';
import { helloComponentFile } from '../helpers/components.js';
import { rawManifest } from '../helpers/skopeo.js';
import { containerdMissing, startContainerd } from '../helpers/containerd.js';

const sha256 = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const onPath = (tool: string) => spawnSync(tool, ['version'], { stdio: 'ignore' }).status === 0;
const skipped = (client: string, why: string | undefined) => {
  if (why) console.warn(`other OCI clients: ${client} skipped: ${why}`);
  return why !== undefined;
};

describe('pulled by other OCI clients', () => {
  let registry: TestRegistry;
  let wasm: Buffer;
  let ref: string;
  let manifestDigest: string;
  let manifest: string;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    const component = await helloComponentFile();
    wasm = readFileSync(component);
    ref = `${registry.host}/acme/hello:v1`;
    const run = await runAction({
      inputs: { component, image: `${registry.host}/acme/hello`, tags: 'v1', sbom: 'false' },
      env: { SOURCE_DATE_EPOCH: '1700000000' },
    });
    expect(run.code, errorMessage(run)).toBe(0);
    manifestDigest = run.outputs.digest!;
    manifest = await rawManifest(ref, registry);
  });
  afterAll(() => registry?.stop());

  const layerDigest = () => (JSON.parse(manifest) as { layers: Array<{ digest: string }> }).layers[0]!.digest;

  it.skipIf(skipped('ctr (containerd)', containerdMissing()))('containerd fetches the manifest, config and layer: the layer is the component', async () => {
    const containerd = await startContainerd();
    try {
      containerd.ctr(['content', 'fetch', '--plain-http', ref]);
      expect(sha256(containerd.ctr(['content', 'get', manifestDigest]))).toBe(manifestDigest);
      expect(containerd.ctr(['content', 'get', manifestDigest]).toString('utf8')).toBe(manifest);
      expect(containerd.ctr(['content', 'get', layerDigest()]).equals(wasm)).toBe(true);
      const config = JSON.parse(
        containerd.ctr(['content', 'get', (JSON.parse(manifest) as { config: { digest: string } }).config.digest]).toString('utf8'),
      ) as {
        architecture: string;
        layerDigests: string[];
      };
      expect(config.architecture).toBe('wasm');
      expect(config.layerDigests).toEqual([layerDigest()]);
    } finally {
      await containerd.stop();
    }
  });

  it.skipIf(skipped('oras', onPath('oras') ? undefined : 'oras is not on PATH'))('oras fetches the manifest and the layer: the layer is the component', () => {
    const oras = (args: string[]) => spawnSync('oras', args, { maxBuffer: 64 * 1024 * 1024 });
    const fetched = oras(['manifest', 'fetch', '--plain-http', ref]);
    expect(fetched.status, fetched.stderr.toString()).toBe(0);
    expect(sha256(fetched.stdout)).toBe(manifestDigest);
    const blob = oras(['blob', 'fetch', '--plain-http', '--output', '-', `${registry.host}/acme/hello@${layerDigest()}`]);
    expect(blob.status, blob.stderr.toString()).toBe(0);
    expect(blob.stdout.equals(wasm)).toBe(true);
  });

  it.skipIf(skipped('regctl', onPath('regctl') ? undefined : 'regctl is not on PATH'))(
    'regctl fetches the manifest and the layer: the layer is the component',
    () => {
      const regctl = (args: string[]) => spawnSync('regctl', ['--host', `reg=${registry.host},tls=disabled`, ...args], { maxBuffer: 64 * 1024 * 1024 });
      const fetched = regctl(['manifest', 'get', '--format', 'raw-body', ref]);
      expect(fetched.status, fetched.stderr.toString()).toBe(0);
      expect(sha256(fetched.stdout)).toBe(manifestDigest);
      const blob = regctl(['blob', 'get', `${registry.host}/acme/hello`, layerDigest()]);
      expect(blob.status, blob.stderr.toString()).toBe(0);
      expect(blob.stdout.equals(wasm)).toBe(true);
    },
  );
});
