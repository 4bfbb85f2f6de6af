// Writes the artifact as an OCI image layout (image-spec v1.1 image-layout.md): `oci-layout`, `index.json`,
// `blobs/sha256/<hex>`. Each tag is one index entry with `org.opencontainers.image.ref.name`, which is
// how `skopeo copy oci:DIR:TAG` finds it. An existing layout is merged into, never replaced or trusted blindly:
// every file is written to a temporary name in its own directory, checked, and renamed into place (as
// containers/image does), so an interrupted run leaves no truncated blob under a digest's name; a blob that
// is already there is used only when its content has that digest; an index.json that cannot be read fails
// the step instead of being replaced (its tags would be lost).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { ActionError } from '../errors.js';
import { OCI_INDEX, type Descriptor } from '../oci/spec.js';
import type { BuiltArtifact } from './manifest.js';

const REF_NAME = 'org.opencontainers.image.ref.name';

export async function writeOciLayout(dir: string, artifact: BuiltArtifact, layerPath: string, tags: string[]): Promise<void> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const manifests = await readIndex(dir); // first: a broken index fails the step before anything is written
  const blobPath = (digest: string) => join(blobs, digest.slice('sha256:'.length));
  if ((await fileDigest(blobPath(artifact.layer.digest))) !== artifact.layer.digest) {
    await atomically(blobPath(artifact.layer.digest), async (temp) => {
      const copied = await copyHashing(layerPath, temp);
      if (copied !== artifact.layer.digest) {
        throw new ActionError('wasm', `${layerPath} changed while it was published: its content is now ${copied}, not ${artifact.layer.digest}`);
      }
    });
  }
  for (const { descriptor, bytes } of [artifact.config, artifact.manifest]) {
    if ((await fileDigest(blobPath(descriptor.digest))) !== descriptor.digest) await writeAtomically(blobPath(descriptor.digest), bytes);
  }
  await writeAtomically(join(dir, 'oci-layout'), Buffer.from(JSON.stringify({ imageLayoutVersion: '1.0.0' })));

  const names = tags.length > 0 ? tags : [undefined];
  const replaced = new Set(names.filter((n): n is string => n !== undefined));
  const kept = manifests.filter((m) => !(m.annotations?.[REF_NAME] && replaced.has(m.annotations[REF_NAME])));
  for (const name of names) kept.push({ ...artifact.manifest.descriptor, ...(name ? { annotations: { [REF_NAME]: name } } : {}) });
  await writeAtomically(join(dir, 'index.json'), Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: kept }, null, 2)));
}

/** The entries of an existing index.json; none when there is no file yet. Anything unreadable is an error. */
async function readIndex(dir: string): Promise<Descriptor[]> {
  const path = join(dir, 'index.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ActionError('input', `cannot read ${path}: ${(err as Error).message}`);
  }
  let index: { manifests?: unknown };
  try {
    index = JSON.parse(text) as { manifests?: unknown };
  } catch {
    index = {};
  }
  if (!Array.isArray(index.manifests)) {
    throw new ActionError(
      'input',
      `${path} is not an OCI image index (an interrupted write?): not replacing it, since the tags it lists would be lost. Repair or remove it, or set "oci-layout" to another directory`,
    );
  }
  return index.manifests as Descriptor[];
}

/** sha256 of a file's content, or undefined when there is no such file. */
async function fileDigest(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return `sha256:${hash.digest('hex')}`;
}

/** Copies `from` to `to`, hashing what was written; returns its digest. */
async function copyHashing(from: string, to: string): Promise<string> {
  const hash = createHash('sha256');
  const tee = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(from), tee, createWriteStream(to, { flags: 'wx' }));
  return `sha256:${hash.digest('hex')}`;
}

async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await atomically(path, (temp) => writeFile(temp, bytes, { flag: 'wx' }));
}

/** Writes through `write` to a temporary file beside `path`, then renames it into place; on failure, removes it. */
async function atomically(path: string, write: (temp: string) => Promise<void>): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await write(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
