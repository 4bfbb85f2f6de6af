// The section reader on hand-made bytes: each malformation it must refuse, named, and what it must read.
import { describe, expect, it } from 'vitest';
import { TopLevelSections } from '../../src/wasm/sections.js';
import { exportSection, importSection, leb, PREAMBLE, section, str } from '../helpers/wasm-bytes.js';

function read(bytes: number[], fileSize?: number): TopLevelSections {
  const sections = new TopLevelSections(fileSize);
  sections.push(Buffer.from(bytes));
  sections.end();
  return sections;
}

describe('TopLevelSections', () => {
  it('reads an export with a type ascription, and leaves core-module imports out', () => {
    const ascribed = section(11, [0x01, 0x00, ...str('run'), 0x01, 0x00, 0x01, 0x01, 0x00]); // func 0, ascribed (func (type 0))
    const s = read([
      ...PREAMBLE,
      ...importSection([
        ['m', 'module'],
        ['wasi:cli/environment@0.2.0', 'instance'],
      ]),
      ...ascribed,
    ]);
    expect(s.names).toEqual({ imports: ['wasi:cli/environment@0.2.0'], exports: ['run'] });
  });

  it.each([
    ['an earlier draft of the binary format', [0x00, 0x61, 0x73, 0x6d, 0x0a, 0x00, 0x01, 0x00], /binary version 0xa, not 0xd/],
    ['bytes after the last section', [...PREAMBLE, ...exportSection([['f', 'func']]), 0x0d, 0x00], /section at byte \d+ has an unknown id 13/],
    ['an empty custom section', [...PREAMBLE, 0x00, 0x00], /custom section without a name/],
    ['a section size of six LEB bytes', [...PREAMBLE, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00], /size of the section at byte 8 is not a valid u32/],
    [
      'bytes left over in the import section',
      [...PREAMBLE, ...section(10, [0x00, 0x00])],
      /import section at byte 8: 1 bytes are left over after its 0 entries/,
    ],
    ['a name that is not UTF-8', [...PREAMBLE, ...section(10, [0x01, 0x00, 0x01, 0xff, 0x01, 0x00])], /import section .*: a name is not valid UTF-8/],
    ['a name running past its section', [...PREAMBLE, ...section(10, [0x01, 0x00, 0x09, 0x61])], /a name runs past the end of the section/],
    [
      'an invalid type ascription',
      [...PREAMBLE, ...section(11, [0x01, 0x00, ...str('f'), 0x01, 0x00, 0x07])],
      /export "f" has an invalid type ascription byte 0x7/,
    ],
    [
      'a core item other than a module',
      [...PREAMBLE, ...section(10, [0x01, 0x00, ...str('g'), 0x00, 0x03, 0x00])],
      /core item other than a module \(sort 0x3\)/,
    ],
    [
      'a name imported twice',
      [
        ...PREAMBLE,
        ...importSection([
          ['f', 'func'],
          ['f', 'instance'],
        ]),
      ],
      /the import "f" at byte \d+ appears twice/,
    ],
    [
      'an exported type',
      [
        ...PREAMBLE,
        ...exportSection([
          ['f', 'func'],
          ['t', 'type'],
        ]),
      ],
      /exports type "t": a component's world exports only functions and interfaces/,
    ],
    [
      'a type export naming no type',
      [...PREAMBLE, ...exportSection([['a:b/w', 'type']])],
      /exports only types, as a WIT package does, but is not one: an export names type 0, which is not defined yet/,
    ],
    ['a truncated section', [...PREAMBLE, ...section(1, [1, 2, 3, 4]).slice(0, 4)], /ends inside the section that starts at byte 8: the file is truncated/],
  ])('refuses %s', (_, bytes, message) => {
    expect(() => read(bytes)).toThrow(message);
  });

  it('refuses a section longer than the file as soon as its header is read, without allocating it', () => {
    const sections = new TopLevelSections(15);
    // An import section claiming 4 GiB - 1 in a 15-byte file.
    expect(() => sections.push(Buffer.from([...PREAMBLE, 10, ...leb(0xffffffff)]))).toThrow(/is 4294967295 bytes long, past the end of the file/);
  });

  it('refuses an import section over 16 MiB before reading it', () => {
    const sections = new TopLevelSections(64 * 1024 * 1024);
    expect(() => sections.push(Buffer.from([...PREAMBLE, 10, ...leb(32 * 1024 * 1024)]))).toThrow(
      /holds 33554432 bytes of imports or exports, more than this action reads/,
    );
  });
});
