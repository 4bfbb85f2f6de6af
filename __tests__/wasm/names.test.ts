// Component-model names as wasm-tools' validator reads them: what real components use passes, and nothing
// that could break out of Markdown or a workflow command does.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { nameProblem } from '../../src/wasm/names.js';
import { TopLevelSections } from '../../src/wasm/sections.js';
import { exportSection, importSection, PREAMBLE } from '../helpers/wasm-bytes.js';

describe('nameProblem', () => {
  it.each([
    'add',
    'get-HTTP-client',
    'f2',
    '[constructor]fields',
    '[method]fields.get',
    '[static]fields.from-list',
    '[async]fetch',
    '[async method]body.read',
    '[async static]body.finish',
    'wasi:http/incoming-handler@0.2.0',
    'wasi:cli/run@0.2.12',
    'wasi:http/types@0.3.0-rc-2025-08-15',
    'acme:hello/greet',
    'local:pkg/iface@1.2.3+build.5',
    'ns:nested:pkg/iface/sub@0.1.0',
  ])('%s is a name', (name) => {
    expect(nameProblem(name)).toBeUndefined();
  });

  it.each([
    ['', /kebab-case label/],
    ['a b', /kebab-case label/],
    ['a`b', /kebab-case label/],
    ['a|b', /kebab-case label/],
    ['<img src=x onerror=alert(1)>', /kebab-case label/],
    ['a\nb', /kebab-case label/],
    ['-a', /kebab-case label/],
    ['a-', /kebab-case label/],
    ['a--b', /kebab-case label/],
    ['1a', /kebab-case label/],
    ['aB', /kebab-case label/],
    ['[method]get', /kebab-case label/],
    ['wasi:http', /interface name/],
    ['wasi:http/types@1.0', /interface name/],
    ['wasi:http/types@01.0.0', /interface name/],
    ['wasi:http/types@0.2.0`](https://evil)', /interface name/],
    ['url=<https://example.com/x.wasm>', /dependency, URL and hash names/],
    ['unlocked-dep=<a:b>', /dependency, URL and hash names/],
  ])('%j is refused', (name, why) => {
    expect(nameProblem(name)).toMatch(why);
  });

  it('accepts no name holding a character that could leave a code span, a table cell or a line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        if (nameProblem(text) === undefined) expect(text).not.toMatch(/[`|<>\r\n\t\\]/);
      }),
    );
  });
});

describe('the section reader refuses an invalid name before anything else', () => {
  it('naming it and the byte its entry starts at', () => {
    const hostile = 'greet`](https://evil.example)<img src=x onerror=alert(1)>';
    const bytes = Buffer.from([
      ...PREAMBLE,
      ...importSection([['ok', 'func']]),
      ...exportSection([
        ['run', 'func'],
        [hostile, 'instance'],
      ]),
    ]);
    // The entry: a 0x00 discriminator, the name's length (one LEB byte here), the name.
    const at = bytes.indexOf(Buffer.from(hostile)) - 2;
    expect([bytes[at], bytes[at + 1]]).toEqual([0x00, Buffer.byteLength(hostile)]);
    const sections = new TopLevelSections(bytes.length);
    expect(() => sections.push(bytes)).toThrow(`the export ${JSON.stringify(hostile)} at byte ${at} is not a valid component-model name`);
  });

  it('reads a component with 60,000 imports (bench/ measures how long it takes)', () => {
    const imports = Array.from({ length: 60_000 }, (_, i): [string, 'func'] => [`f${i}`, 'func']);
    const sections = new TopLevelSections();
    sections.push(Buffer.from([...PREAMBLE, ...importSection(imports)]));
    sections.end();
    expect(sections.names.imports).toHaveLength(60_000);
  });
});
