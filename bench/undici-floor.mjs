// The least a push of the action's artifact costs on the action's own stack, Node 24 and undici: the same
// requests in the same order (HEAD both blobs; POST and PUT each missing one, the two in parallel; then the
// manifest), from one small file with nothing else: no inputs, no reading of sections, no retries, no
// credentials, no report. bench/run.mjs bundles it with ncc and runs it with the action's V8 flags, as the
// action runs; what the action takes over it is the action's own.
// Usage: node undici-floor.mjs <host:port> <repository> <file.wasm>
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import Agent from 'undici/lib/dispatcher/agent.js';
import request from 'undici/lib/api/api-request.js';
import { compileWasmWithLiftoffOnly } from '../src/wasm-compiler.ts';

compileWasmWithLiftoffOnly();
const [registry, repository, file] = process.argv.slice(2);
const origin = `http://${registry}`;
const dispatcher = new Agent();
const call = async (method, path, options = {}) => {
  const res = await request.call(dispatcher, { origin, path, method, ...options });
  await res.body.dump();
  return res;
};
const sha256 = (bytes) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

const hash = createHash('sha256');
for await (const chunk of createReadStream(file, { highWaterMark: 2 * 1024 * 1024 })) hash.update(chunk);
const layer = { digest: `sha256:${hash.digest('hex')}`, size: (await stat(file)).size, body: () => createReadStream(file) };
const configBytes = Buffer.from(JSON.stringify({ architecture: 'wasm', os: 'wasip2', layerDigests: [layer.digest] }));
const config = { digest: sha256(configBytes), size: configBytes.length, body: () => configBytes };

async function pushBlob(blob) {
  if ((await call('HEAD', `/v2/${repository}/blobs/${blob.digest}`)).statusCode === 200) return;
  const started = await call('POST', `/v2/${repository}/blobs/uploads/`);
  const location = new URL(started.headers.location, origin);
  location.searchParams.set('digest', blob.digest);
  const headers = { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) };
  const put = await call('PUT', `${location.pathname}${location.search}`, { body: blob.body(), headers });
  if (put.statusCode !== 201) throw new Error(`blob PUT: ${put.statusCode}`);
}
await Promise.all([pushBlob(layer), pushBlob(config)]);
const manifest = JSON.stringify({
  schemaVersion: 2,
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  config: { mediaType: 'application/vnd.wasm.config.v0+json', digest: config.digest, size: config.size },
  layers: [{ mediaType: 'application/wasm', digest: layer.digest, size: layer.size }],
});
const put = await call('PUT', `/v2/${repository}/manifests/t`, { body: manifest, headers: { 'content-type': 'application/vnd.oci.image.manifest.v1+json' } });
if (put.statusCode !== 201) throw new Error(`manifest PUT: ${put.statusCode}`);
await dispatcher.close();
