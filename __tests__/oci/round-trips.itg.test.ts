// Round trips in series, counted: the client pushes to the real registry through a network of 40 ms one-way
// delay (helpers/latency-net.ts), and the recorder's log says which requests went out together. Each test
// fails when the step it names goes back to waiting for the one before (issue #24).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepositoryClient } from '../../src/oci/repository.js';
import { pushManifest, type ManifestToPush } from '../../src/oci/push.js';
import { EMPTY_CONFIG, OCI_MANIFEST, sha256Digest } from '../../src/oci/spec.js';
import type { Referrer } from '../../src/oci/referrers.js';
import { startRegistry, TEST_CREDENTIALS, type TestRegistry } from '../helpers/registry.js';
import { roundsInSeries, seriesRounds, startFront, type Exchange, type Front } from '../helpers/latency-net.js';

const DELAY = 40;

function artifact(name: string): ManifestToPush {
  const layer = Buffer.from(`layer of ${name}`);
  const config = Buffer.from(JSON.stringify({ name }));
  const layerDesc = { mediaType: 'application/wasm', digest: sha256Digest(layer), size: layer.length };
  const configDesc = { mediaType: 'application/vnd.wasm.config.v0+json', digest: sha256Digest(config), size: config.length };
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: configDesc, layers: [layerDesc] }));
  return {
    mediaType: OCI_MANIFEST,
    bytes,
    digest: sha256Digest(bytes),
    blobs: [
      { descriptor: configDesc, source: { bytes: config } },
      { descriptor: layerDesc, source: { bytes: layer } },
    ],
  };
}

/** `fresh`: made in this run (a signature), so not asked about first. */
function referrer(artifactType: string, content: string, fresh = false): Referrer {
  const bytes = Buffer.from(content);
  return {
    artifactType,
    config: EMPTY_CONFIG,
    layers: [{ descriptor: { mediaType: artifactType, digest: sha256Digest(bytes), size: bytes.length }, source: { bytes }, fresh }],
  };
}

/** `round method path` per request, in arrival order, digests and upload ids left out. */
function rounds(log: Exchange[]): string[] {
  return seriesRounds(log, DELAY).map((e) => {
    const path = e.path
      .replace(/^\/v2\/[^]*?\/(blobs|manifests|referrers|tags)/, '$1')
      .replace(/sha256[:-][0-9a-f]{64}/, '<digest>')
      .replace(/uploads\/.+$/, 'uploads/<id>');
    return `${e.round} ${e.service === 'registry' ? '' : `${e.service} `}${e.method} ${path}`;
  });
}

const byRound = (lines: string[]) =>
  lines.reduce<Record<string, string[]>>((acc, l) => ((acc[l.split(' ')[0]!] ??= []).push(l.slice(l.indexOf(' ') + 1)), acc), {});
const sortRounds = (r: Record<string, string[]>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, [...v].sort()]));

describe('round trips in series over a 40 ms network', () => {
  let registry: TestRegistry;
  let tokenRegistry: TestRegistry;
  const log: Exchange[] = [];
  let plain: Front;
  let api: Front;
  let token: Front;
  let tokenFront: Front | undefined;
  beforeAll(async () => {
    registry = await startRegistry('anonymous');
    tokenRegistry = await startRegistry('token', {
      realm: async (own) => {
        tokenFront = await startFront(new URL(own).host, DELAY, log, { service: 'token' });
        return `http://${tokenFront.host}${new URL(own).pathname}`;
      },
    });
    plain = await startFront(registry.host, DELAY, log, { service: 'registry' });
    api = await startFront(registry.host, DELAY, log, { service: 'registry', referrersApi: true });
    token = await startFront(tokenRegistry.host, DELAY, log, { service: 'registry' });
  });
  afterAll(async () => {
    for (const f of [plain, api, token, tokenFront]) await f?.stop();
    await registry.stop();
    await tokenRegistry.stop();
  });

  const client = (front: Front, name: string, credentials?: { username: string; password: string }) =>
    new RepositoryClient({ registry: front.host, name }, { plainHttp: true, credentials });

  it('first push with two tags: HEADs, POSTs, PUTs of the blobs each together, then both tags together (4)', async () => {
    const c = client(plain, 'rt/first');
    log.length = 0;
    await pushManifest(c, artifact('first'), ['v1', 'edge']);
    expect(sortRounds(byRound(rounds(log)))).toEqual({
      1: ['HEAD blobs/<digest>', 'HEAD blobs/<digest>'],
      2: ['POST blobs/uploads/', 'POST blobs/uploads/'],
      3: ['PUT blobs/uploads/<id>', 'PUT blobs/uploads/<id>'],
      4: ['PUT manifests/edge', 'PUT manifests/v1'],
    });
    expect(roundsInSeries(log, DELAY)).toBe(4);
    await c.close();
  });

  it('re-push: the blobs are found and both tags go up together (2)', async () => {
    await pushManifest(client(plain, 'rt/again'), artifact('again'), ['v1']);
    const c = client(plain, 'rt/again');
    log.length = 0;
    const pushed = await pushManifest(c, artifact('again'), ['v1', 'edge']);
    expect(pushed.uploaded).toEqual([]);
    expect(sortRounds(byRound(rounds(log)))).toEqual({
      1: ['HEAD blobs/<digest>', 'HEAD blobs/<digest>'],
      2: ['PUT manifests/edge', 'PUT manifests/v1'],
    });
    await c.close();
  });

  it('SBOM and a signature signed meanwhile, no referrers API: one upload of the shared empty config, no HEAD of the fresh signature, manifests with the tags, one index write (5)', async () => {
    const c = client(plain, 'rt/signed');
    log.length = 0;
    const signature = new Promise<Referrer>((resolve) =>
      setTimeout(() => resolve(referrer('application/vnd.dev.sigstore.bundle.v0.3+json', '{"s":1}', true)), 10),
    );
    const pushed = await pushManifest(c, artifact('signed'), ['v1', 'edge'], undefined, [referrer('application/vnd.cyclonedx+json', '{"bom":1}'), signature]);
    expect(pushed.attached.map((a) => ('via' in a ? [a.via, a.added] : a.error))).toEqual([
      ['fallback-tag', true],
      ['fallback-tag', true],
    ]);
    const r = sortRounds(byRound(rounds(log)));
    // Round 1: the artifact's two blobs, the SBOM and the one empty config both referrers share, the API ping
    // and the index, read ahead; the signature is fresh: not asked about, its upload opened at once.
    expect(r[1]).toEqual([...Array(4).fill('HEAD blobs/<digest>'), 'GET manifests/<digest>', 'GET referrers/<digest>', 'POST blobs/uploads/'].sort());
    expect(r[2]).toEqual([...Array(4).fill('POST blobs/uploads/'), 'PUT blobs/uploads/<id>']);
    expect(r[3]).toEqual(Array(4).fill('PUT blobs/uploads/<id>'));
    expect(r[4]).toEqual(['PUT manifests/<digest>', 'PUT manifests/<digest>', 'PUT manifests/edge', 'PUT manifests/v1']);
    expect(r[5]).toEqual(['PUT manifests/<digest>']); // the fallback index, once, after the tags
    expect(Object.keys(r)).toHaveLength(5);
    await c.close();
  });

  it('with the referrers API (OCI-Subject): no index to write (4)', async () => {
    const c = client(api, 'rt/api');
    log.length = 0;
    const pushed = await pushManifest(c, artifact('api'), ['v1'], undefined, [referrer('application/vnd.cyclonedx+json', '{"bom":2}')]);
    expect(pushed.attached).toMatchObject([{ via: 'api' }]);
    expect(roundsInSeries(log, DELAY)).toBe(4);
    expect(log.filter((e) => e.method === 'PUT' && e.path.includes('/manifests/sha256-'))).toEqual([]);
    await c.close();
  });

  it('token flow: the parallel HEADs meet one 401 each and share one token request (6)', async () => {
    const c = client(token, 'rt/token', TEST_CREDENTIALS);
    log.length = 0;
    await pushManifest(c, artifact('token'), ['v1', 'edge']);
    expect(sortRounds(byRound(rounds(log)))).toEqual({
      1: ['HEAD blobs/<digest>', 'HEAD blobs/<digest>'],
      2: ['token GET /token'],
      3: ['HEAD blobs/<digest>', 'HEAD blobs/<digest>'],
      4: ['POST blobs/uploads/', 'POST blobs/uploads/'],
      5: ['PUT blobs/uploads/<id>', 'PUT blobs/uploads/<id>'],
      6: ['PUT manifests/edge', 'PUT manifests/v1'],
    });
    await c.close();
  });
});
