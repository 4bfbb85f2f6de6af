// A component's own metadata (wasm-metadata's custom sections), read in the streaming pass, and the
// annotations it becomes.
import { describe, expect, it } from 'vitest';
import { componentMetadataAnnotations } from '../../src/artifact/annotations.js';
import { exportSection, leb, PREAMBLE, readInPieces, section, str } from '../helpers/wasm-bytes.js';

const text = (name: string, value: string | number[]) => section(0, [...str(name), ...(typeof value === 'string' ? Buffer.from(value) : value)]);
/** A name section holding subsection 0 (the name itself), as wasm-metadata writes component-name. */
const nameSection = (section_: string, name: string) => text(section_, [0x00, ...leb(str(name).length), ...str(name)]);

describe('the metadata sections', () => {
  const bytes = Buffer.from([
    ...PREAMBLE,
    ...nameSection('component-name', 'greeter'),
    ...text('description', '  Says hello.  '),
    ...text('licenses', 'Apache-2.0 WITH LLVM-exception'),
    ...text('authors', 'Ada <ada@example.com>'),
    ...text('homepage', 'https://greeter.example'),
    ...text('source', 'https://github.com/acme/greeter'),
    ...text('revision', 'abc123'),
    ...text('version', '2.1.0'),
    ...text('version', '9.9.9'), // a second one: the first stands
    ...text('producers', [0x00]),
    ...exportSection([['run', 'func']]),
  ]);

  it('are read, however the bytes are split', () => {
    for (const cuts of [[bytes.length], [1], [3, 7, 11]]) {
      expect(readInPieces(bytes, cuts).metadata).toEqual({
        name: 'greeter',
        description: 'Says hello.',
        licenses: 'Apache-2.0 WITH LLVM-exception',
        authors: 'Ada <ada@example.com>',
        homepage: 'https://greeter.example',
        source: 'https://github.com/acme/greeter',
        revision: 'abc123',
        version: '2.1.0',
      });
    }
  });

  it('leave out what is not clean text, and sections past 64 KiB', () => {
    const odd = Buffer.from([
      ...PREAMBLE,
      ...text('description', [0xff, 0xfe]),
      ...text('authors', 'a\u0000b'),
      ...text('licenses', 'MIT'.padEnd(70 * 1024, ' ')),
      ...exportSection([['run', 'func']]),
    ]);
    expect(readInPieces(odd).metadata).toEqual({});
  });

  it("a core module's name section too", () => {
    const module = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...nameSection('name', 'plain')]);
    expect(readInPieces(module).metadata).toEqual({ name: 'plain' });
  });
});

describe('componentMetadataAnnotations', () => {
  it('maps them as wkg publish does, homepage to url, name to title, with GHCR’s lengths', () => {
    expect(componentMetadataAnnotations({ name: 'greeter', homepage: 'https://g.example', description: 'd'.repeat(600), licenses: 'MIT' })).toEqual({
      'org.opencontainers.image.title': 'greeter',
      'org.opencontainers.image.url': 'https://g.example',
      'org.opencontainers.image.description': 'd'.repeat(512),
      'org.opencontainers.image.licenses': 'MIT',
    });
  });
});
