// Inspection with the real jco on real components.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { inspectWasm } from '../../src/wasm/inspect.js';
import { worldItems } from '../../src/wasm/world.js';
import { coreModuleFile, helloComponentFile, proxyComponent, tmp } from '../helpers/components.js';

describe('inspectWasm', () => {
  it("lists a component's world imports and exports by their qualified names", async () => {
    expect(await inspectWasm(await helloComponentFile())).toEqual({
      kind: 'component',
      imports: ['wasi:cli/environment@0.2.0'],
      exports: ['add', 'acme:hello/greet@0.1.0'],
      target: null,
    });
  });

  it('names a wasi:http handler by its interface id and a bare function import by its name', async () => {
    const path = join(tmp('proxy'), 'proxy.wasm');
    writeFileSync(path, await proxyComponent());
    const facts = await inspectWasm(path);
    expect(facts).toMatchObject({ kind: 'component', exports: ['wasi:http/incoming-handler@0.2.0'] });
    expect(facts.kind === 'component' && [...facts.imports].sort()).toEqual(['log', 'wasi:http/types@0.2.0']);
  });

  it('tells a core module from a component', async () => {
    expect(await inspectWasm(await coreModuleFile())).toEqual({ kind: 'module' });
  });

  describe('rejects what is not a Wasm file, naming it', () => {
    const dir = tmp('bad-input');
    const file = (name: string, content: Buffer | string) => {
      const p = join(dir, name);
      writeFileSync(p, content);
      return p;
    };
    it.each([
      ['missing', () => join(dir, 'nope.wasm'), /nope\.wasm does not exist/],
      ['empty path', () => '', /no component path/],
      ['empty file', () => file('empty.wasm', ''), /empty\.wasm is not a WebAssembly binary: it is 0 bytes long/],
      ['text file', () => file('text.wasm', 'hello, this is not wasm'), /text\.wasm is not a WebAssembly binary \(it does not start with \\0asm\)/],
      [
        'directory',
        () => {
          mkdirSync(join(dir, 'dir.wasm'), { recursive: true });
          return join(dir, 'dir.wasm');
        },
        /is a directory/,
      ],
      [
        'FIFO',
        () => {
          execFileSync('mkfifo', [join(dir, 'fifo.wasm')]);
          return join(dir, 'fifo.wasm');
        },
        /fifo\.wasm is not a regular file/,
      ],
      ['device', () => '/dev/null', /\/dev\/null is not a regular file/],
      [
        'symlink loop',
        () => {
          symlinkSync(join(dir, 'loop-b.wasm'), join(dir, 'loop-a.wasm'));
          symlinkSync(join(dir, 'loop-a.wasm'), join(dir, 'loop-b.wasm'));
          return join(dir, 'loop-a.wasm');
        },
        /symbolic link loop/,
      ],
    ])('%s', async (_, make, message) => {
      await expect(inspectWasm(make())).rejects.toThrow(message);
    });

    it('a truncated component', async () => {
      const bytes = readFileSync(await helloComponentFile());
      const path = file('truncated.wasm', bytes.subarray(0, Math.floor(bytes.length / 2)));
      await expect(inspectWasm(path)).rejects.toThrow(/truncated\.wasm is not a valid WebAssembly component/);
    });
  });
});

describe('worldItems', () => {
  it("reads only the root world's items, inline interfaces and escaped names included", () => {
    const wit = `package root:component;

world root {
  use wasi:http/types@0.2.0.{request};
  import wasi:cli/stdout@0.2.12;
  import %interface: func(a: u32);
  import inline: interface {
    f: func() -> string;
  }
  export wasi:cli/run@0.2.12;
  export add: func(a: s32, b: s32) -> s32;
}
`;
    expect(worldItems(wit)).toEqual({ imports: ['wasi:cli/stdout@0.2.12', 'interface', 'inline'], exports: ['wasi:cli/run@0.2.12', 'add'] });
  });
});
