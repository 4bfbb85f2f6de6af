// cargo-auditable's dependency list (`.dep-v0`, zlib-compressed JSON), found in the streaming pass: inside a
// component's embedded core module, or in a core module itself, however the bytes are split.
import { describe, expect, it } from 'vitest';
import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { TopLevelSections } from '../../src/wasm/sections.js';
import { parseDepSection } from '../../src/wasm/auditable.js';
import { exportSection, leb, PREAMBLE, readInPieces, section, str } from '../helpers/wasm-bytes.js';

const MODULE_PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
// The schema's shape (rust-secure-code/cargo-auditable cargo-auditable.schema.json): indices for dependencies.
const LIST = {
  packages: [
    { name: 'app', version: '0.3.0', source: 'local', dependencies: [1, 2], root: true },
    { name: 'serde', version: '1.0.152', source: 'crates.io', dependencies: [] },
    { name: 'autocfg', version: '1.1.0', source: 'crates.io', kind: 'build' },
  ],
};
const payload = deflateSync(Buffer.from(JSON.stringify(LIST)));
const coreModule = (custom: Buffer) => [
  ...MODULE_PREAMBLE,
  ...section(1, [0x00]), // an empty type section
  ...section(0, [...str('producers'), 1, 2, 3]),
  ...section(0, [...str('.dep-v0'), ...custom]),
  ...section(10, [0x00]), // an empty code section
];
const component = (module: number[]) =>
  Buffer.from([...PREAMBLE, ...section(0, [...str('component-name'), 0x00]), ...section(1, module), ...exportSection([['run', 'func']])]);

describe('the .dep-v0 section', () => {
  it("is found inside a component's core module, however the bytes are split", () => {
    const bytes = component(coreModule(payload));
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (cuts) => {
        expect(readInPieces(bytes, cuts).depSection?.equals(payload)).toBe(true);
      }),
    );
  });

  it('is found in a core module itself', () => {
    expect(readInPieces(Buffer.from(coreModule(payload))).depSection?.equals(payload)).toBe(true);
  });

  it('is absent when no module holds one, or when one is larger than a real list could be', () => {
    expect(readInPieces(component([...MODULE_PREAMBLE, ...section(0, [...str('name'), 0x00])])).depSection).toBeUndefined();
    // A core module whose .dep-v0 payload is 5 MiB (past the 4 MiB bound): headers built by hand, payload streamed.
    const payloadSize = 5 * 1024 * 1024;
    const name = str('.dep-v0');
    const inner = [...MODULE_PREAMBLE, 0x00, ...leb(name.length + payloadSize), ...name];
    const sections = new TopLevelSections();
    sections.push(Buffer.from([...PREAMBLE, 0x01, ...leb(inner.length + payloadSize), ...inner]));
    sections.push(Buffer.alloc(payloadSize));
    sections.end();
    expect(sections.depSection).toBeUndefined();
  });
});

describe('parseDepSection', () => {
  it('maps the list to packages: refs, dependencies by ref, build-only ones excluded, the root', () => {
    expect(parseDepSection(payload)).toEqual({
      root: 'app@0.3.0',
      packages: [
        { ref: 'app@0.3.0', name: 'app', version: '0.3.0', source: undefined, dependencies: ['serde@1.0.152', 'autocfg@1.1.0'] },
        { ref: 'serde@1.0.152', name: 'serde', version: '1.0.152', source: 'registry+https://github.com/rust-lang/crates.io-index', dependencies: [] },
        {
          ref: 'autocfg@1.1.0',
          name: 'autocfg',
          version: '1.1.0',
          source: 'registry+https://github.com/rust-lang/crates.io-index',
          dependencies: [],
          excluded: true,
        },
      ],
    });
  });

  it('refuses what is not the schema, does not inflate, or inflates past its bound (a zip bomb)', () => {
    expect(parseDepSection(Buffer.from('not zlib'))).toBeUndefined();
    expect(parseDepSection(deflateSync(Buffer.from('{"packages":[{"name":1}]}')))).toBeUndefined();
    expect(parseDepSection(deflateSync(Buffer.from(`{"packages":[],"pad":"${'x'.repeat(9 * 1024 * 1024)}"}`)))).toBeUndefined();
  });
});
