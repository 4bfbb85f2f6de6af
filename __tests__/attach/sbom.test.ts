// The SBOM against the CycloneDX 1.6 JSON schema (the library's strict validator), from a real Cargo.lock
// (fixtures/crates/json-tool, resolved by cargo against Debian's vendored crates).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { parseCargoLock } from '../../src/cargo/cargo-lock.js';
import { cyclonedxSbom } from '../../src/attach/sbom.js';
import { ROOT } from '../helpers/paths.js';

const lockText = readFileSync(join(ROOT, '__tests__', 'fixtures', 'crates', 'json-tool', 'Cargo.lock'), 'utf8');
const validator = new Validation.JsonStrictValidator(Spec.Version.v1dot6);

describe('Cargo.lock', () => {
  it('reads every package, with checksums and resolved dependencies', () => {
    const packages = parseCargoLock(lockText);
    expect(packages.map((p) => `${p.name}@${p.version}`).sort()).toEqual(['itoa@1.0.1', 'json-tool@0.2.0', 'ryu@1.0.2', 'serde@1.0.152', 'serde_json@1.0.87']);
    expect(packages.find((p) => p.name === 'serde_json')).toMatchObject({
      checksum: '6ce777b7b150d76b9cf60d28b55f5847135a003f7d7350c6be7a773508ce7d45',
      dependencies: ['itoa@1.0.1', 'ryu@1.0.2', 'serde@1.0.152'],
    });
  });
});

describe('cyclonedxSbom', () => {
  const sha256 = 'ab'.repeat(32);
  it('a crate: valid CycloneDX 1.6 listing every package with purl, checksum, license and the graph', async () => {
    const packages = parseCargoLock(lockText).map((p) => ({ ...p, license: p.name === 'ryu' ? 'Apache-2.0 OR BSL-1.0' : 'MIT OR Apache-2.0' }));
    const text = cyclonedxSbom({
      component: { name: 'json-tool', version: '0.2.0', sha256 },
      created: '2026-01-02T03:04:05Z',
      packages,
      rootPackage: 'json-tool@0.2.0',
    }).toString();
    expect(await validator.validate(text)).toBeNull();
    const bom = JSON.parse(text);
    expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(bom.serialNumber).toBeUndefined();
    expect(bom.metadata.timestamp).toBe('2026-01-02T03:04:05.000Z');
    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'json-tool', version: '0.2.0', hashes: [{ alg: 'SHA-256', content: sha256 }] });
    expect(bom.components.map((c: { purl: string }) => c.purl).sort()).toEqual([
      'pkg:cargo/itoa@1.0.1',
      'pkg:cargo/ryu@1.0.2',
      'pkg:cargo/serde@1.0.152',
      'pkg:cargo/serde_json@1.0.87',
    ]);
    const ryu = bom.components.find((c: { name: string }) => c.name === 'ryu');
    expect(ryu).toMatchObject({
      licenses: [{ expression: 'Apache-2.0 OR BSL-1.0' }],
      hashes: [{ alg: 'SHA-256', content: 'bfa8506c1de11c9c4e4c38863ccbe02a305c8188e85a05a784c9e11e1c3910c8' }],
    });
    const deps = Object.fromEntries(bom.dependencies.map((d: { ref: string; dependsOn?: string[] }) => [d.ref, d.dependsOn ?? []]));
    expect(deps['json-tool@0.2.0']).toEqual(['serde_json@1.0.87']);
    expect(deps['serde_json@1.0.87']).toEqual(['itoa@1.0.1', 'ryu@1.0.2', 'serde@1.0.152']);
  });

  it('a crate compiled only for the build host is listed with scope excluded, still valid CycloneDX 1.6', async () => {
    const packages = parseCargoLock(lockText).map((p) => (p.name === 'itoa' ? { ...p, excluded: true } : p));
    const text = cyclonedxSbom({
      component: { name: 'json-tool', version: '0.2.0', sha256 },
      created: '2026-01-02T03:04:05Z',
      packages,
      rootPackage: 'json-tool@0.2.0',
    }).toString();
    expect(await validator.validate(text)).toBeNull();
    const scopes = Object.fromEntries(JSON.parse(text).components.map((c: { name: string; scope?: string }) => [c.name, c.scope]));
    expect(scopes).toEqual({ itoa: 'excluded', ryu: undefined, serde: undefined, serde_json: undefined });
  });

  it('a prebuilt component: a minimal valid SBOM describing the file', async () => {
    const text = cyclonedxSbom({ component: { name: 'hello.wasm', sha256 }, created: '2026-01-02T03:04:05Z' }).toString();
    expect(await validator.validate(text)).toBeNull();
    expect(JSON.parse(text).metadata.component).toMatchObject({ name: 'hello.wasm', hashes: [{ alg: 'SHA-256', content: sha256 }] });
  });

  it('the same input gives the same bytes', () => {
    const a = cyclonedxSbom({
      component: { name: 'x', sha256 },
      created: '2026-01-02T03:04:05Z',
      packages: parseCargoLock(lockText),
      rootPackage: 'json-tool@0.2.0',
    });
    const b = cyclonedxSbom({
      component: { name: 'x', sha256 },
      created: '2026-01-02T03:04:05Z',
      packages: parseCargoLock(lockText).reverse(),
      rootPackage: 'json-tool@0.2.0',
    });
    expect(a.equals(b)).toBe(true);
  });
});

describe('the validator', () => {
  it('does reject what is not CycloneDX 1.6 (so the checks above can fail)', async () => {
    expect(await validator.validate(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'nonsense' }] }))).not.toBeNull();
  });
});
