import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildArtifact } from '../../src/artifact/manifest.js';
import { resolveCreated } from '../../src/artifact/created.js';
import { defaultAnnotations } from '../../src/artifact/annotations.js';

const sha = (b: Buffer) => `sha256:${createHash('sha256').update(b).digest('hex')}`;
const LAYER = { digest: `sha256:${'ab'.repeat(32)}`, size: 1234, title: 'hello.wasm' };
const component = { kind: 'component' as const, imports: ['wasi:cli/environment@0.2.0'], exports: ['wasi:cli/run@0.2.0', 'add'], target: null };

describe('buildArtifact', () => {
  it("writes the Wasm OCI config with oci-wasm's fields, in its order, as compact JSON", () => {
    const a = buildArtifact({ facts: component, layer: LAYER, created: '2026-01-02T03:04:05Z', annotations: {} });
    expect(a.config.bytes.toString()).toBe(
      '{"created":"2026-01-02T03:04:05Z","author":null,"architecture":"wasm","os":"wasip2",' +
        `"layerDigests":["${LAYER.digest}"],"component":{"exports":["wasi:cli/run@0.2.0","add"],"imports":["wasi:cli/environment@0.2.0"],"target":null}}`,
    );
    expect(a.config.descriptor).toEqual({ mediaType: 'application/vnd.wasm.config.v0+json', digest: sha(a.config.bytes), size: a.config.bytes.length });
  });

  it('publishes a core module as wasip1 without a component block', () => {
    const a = buildArtifact({ facts: { kind: 'module' }, layer: LAYER, created: '2026-01-02T03:04:05Z', annotations: {} });
    expect(JSON.parse(a.config.bytes.toString())).toMatchObject({ os: 'wasip1', component: null, architecture: 'wasm' });
  });

  it('builds an OCI image manifest with one titled application/wasm layer and sorted annotations', () => {
    const a = buildArtifact({ facts: component, layer: LAYER, created: 'x', annotations: { 'z.key': '1', 'a.key': '2' } });
    const manifest = JSON.parse(a.manifest.bytes.toString());
    expect(manifest).toEqual({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: a.config.descriptor,
      layers: [{ mediaType: 'application/wasm', digest: LAYER.digest, size: LAYER.size, annotations: { 'org.opencontainers.image.title': 'hello.wasm' } }],
      annotations: { 'a.key': '2', 'z.key': '1' },
    });
    expect(Object.keys(manifest.annotations)).toEqual(['a.key', 'z.key']);
    expect(a.manifest.descriptor.digest).toBe(sha(a.manifest.bytes));
  });

  it('is reproducible: the same inputs give the same digests, whatever the annotation order', () => {
    const one = buildArtifact({ facts: component, layer: LAYER, created: 'c', annotations: { a: '1', b: '2' } });
    const two = buildArtifact({ facts: component, layer: LAYER, created: 'c', annotations: { b: '2', a: '1' } });
    expect(two.manifest.descriptor.digest).toBe(one.manifest.descriptor.digest);
  });
});

describe('resolveCreated', () => {
  const clock = () => new Date('2030-01-01T00:00:00.123Z');
  it('takes SOURCE_DATE_EPOCH first', () => {
    expect(resolveCreated('1700000000', '2026-11-20T10:00:00+01:00', clock)).toBe('2023-11-14T22:13:20Z');
  });
  it('then the commit time, in UTC', () => {
    expect(resolveCreated(undefined, '2026-11-20T10:00:00+01:00', clock)).toBe('2026-11-20T09:00:00Z');
  });
  it('the clock only when no commit is known', () => {
    expect(resolveCreated('', undefined, clock)).toBe('2030-01-01T00:00:00Z');
  });
  it('rejects a SOURCE_DATE_EPOCH that is not whole seconds', () => {
    expect(() => resolveCreated('yesterday', undefined, clock)).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

describe('defaultAnnotations', () => {
  it('fills created, source, revision and version', () => {
    expect(defaultAnnotations('t', { source: 'https://github.com/acme/hello', revision: 'abc', version: '1.2.3' })).toEqual({
      'org.opencontainers.image.created': 't',
      'org.opencontainers.image.source': 'https://github.com/acme/hello',
      'org.opencontainers.image.revision': 'abc',
      'org.opencontainers.image.version': '1.2.3',
    });
    expect(defaultAnnotations('t', {})).toEqual({ 'org.opencontainers.image.created': 't' });
  });
});
