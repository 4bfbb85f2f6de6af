// Reading back what was pushed with an independent client. Asynchronous on purpose: the token server
// answering skopeo lives in the test's own process, so a synchronous exec would deadlock.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const exec = promisify(execFile);
type WithCredentials = { credentials?: { username: string; password: string } };

async function skopeo(args: string[]): Promise<string> {
  return (await exec('skopeo', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout;
}

const creds = (flag: string, registry?: WithCredentials) =>
  registry?.credentials ? [flag, `${registry.credentials.username}:${registry.credentials.password}`] : [];

export function rawManifest(ref: string, registry?: WithCredentials): Promise<string> {
  return skopeo(['inspect', ...creds('--creds', registry), '--raw', '--tls-verify=false', `docker://${ref}`]);
}

export function rawConfig(ref: string, registry?: WithCredentials): Promise<string> {
  return skopeo(['inspect', ...creds('--creds', registry), '--config', '--raw', '--tls-verify=false', `docker://${ref}`]);
}

export async function listTags(repo: string, registry?: WithCredentials): Promise<string[]> {
  const out = await skopeo(['list-tags', ...creds('--creds', registry), '--tls-verify=false', `docker://${repo}`]);
  return (JSON.parse(out) as { Tags: string[] }).Tags.sort();
}

/** Copies an image to an OCI layout directory, byte for byte (skopeo keeps digests). */
export async function copyToLayout(ref: string, dir: string, registry?: WithCredentials): Promise<void> {
  await skopeo(['copy', '--src-tls-verify=false', ...creds('--src-creds', registry), `docker://${ref}`, `oci:${dir}:copy`]);
}

/** The first layer of an artifact (an SBOM, a Sigstore bundle) as JSON, read back through skopeo. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON read back from a registry, probed freely by the tests
export async function firstLayerJson(ref: string, registry?: WithCredentials): Promise<{ manifest: unknown; layer: any }> {
  const manifest = JSON.parse(await rawManifest(ref, registry)) as { layers: Array<{ digest: string }> };
  const dir = await mkdtemp(join(tmpdir(), 'first-layer-'));
  await copyToLayout(ref, dir, registry);
  return { manifest, layer: JSON.parse(await readFile(join(dir, 'blobs', 'sha256', manifest.layers[0]!.digest.slice(7)), 'utf8')) };
}
