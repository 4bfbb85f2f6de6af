// Inspection of real components (built with jco from WAT and WIT), checked against jco's own decoding of
// their world and against sha256sum.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { componentWit } from '@bytecodealliance/jco-transpile/wasm-tools';
import { inspectWasm, wasmBinaryKind } from '../../src/wasm/inspect.js';
import { buildComponent } from '../../examples/build-component.mjs';
import { writePaddedComponent } from '../../examples/pad-component.mjs';
import { worldItems, worldTypes } from '../helpers/wit-world.js';
import { coreModuleFile, helloComponentFile, proxyComponent, tmp } from '../helpers/components.js';

/** World-level types (a `use` and a `type`) and a function taking them: wit-component imports the types by name. */
async function typesComponent(): Promise<Buffer> {
  const wit = `package acme:types@0.1.0;
interface shapes { record point { x: u32, y: u32 } }
world w {
  use shapes.{point};
  type id = u32;
  import move: func(p: point) -> id;
  export area: func(p: point) -> u32;
}`;
  const wat = `(module
    (import "$root" "move" (func (param i32 i32) (result i32)))
    (func (export "area") (param i32 i32) (result i32) local.get 0 local.get 1 i32.mul))`;
  return buildComponent({ wat, wit, world: 'w' });
}

const write = (name: string, bytes: Buffer) => {
  const path = join(tmp('inspect'), name);
  writeFileSync(path, bytes);
  return path;
};

describe('inspectWasm', () => {
  it("lists a component's imports and exports by their qualified names, in the component's order", async () => {
    expect((await inspectWasm(await helloComponentFile())).facts).toEqual({
      kind: 'component',
      imports: ['wasi:cli/environment@0.2.0'],
      exports: ['add', 'acme:hello/greet@0.1.0'],
      target: null,
    });
  });

  it('names a wasi:http handler by its interface id and a bare function import by its name', async () => {
    const { facts } = await inspectWasm(write('proxy.wasm', await proxyComponent()));
    expect(facts).toEqual({ kind: 'component', imports: ['wasi:http/types@0.2.0', 'log'], exports: ['wasi:http/incoming-handler@0.2.0'], target: null });
  });

  it('lists world-level types among the imports, as oci-wasm does (its world keys include types)', async () => {
    const { facts } = await inspectWasm(write('types.wasm', await typesComponent()));
    expect(facts).toEqual({ kind: 'component', imports: ['acme:types/shapes@0.1.0', 'point', 'id', 'move'], exports: ['area'], target: null });
  });

  it("names the same interfaces and functions as jco's decoding of the component's world", async () => {
    for (const bytes of [readFileSync(await helloComponentFile()), await proxyComponent(), await typesComponent()]) {
      const { facts } = await inspectWasm(write('c.wasm', bytes));
      if (facts.kind !== 'component') throw new Error('not a component');
      // jco prints world-level types as `use` and `type` lines, apart from the imports.
      const wit = await componentWit(bytes);
      const fromJco = worldItems(wit);
      expect([...facts.imports].sort()).toEqual([...fromJco.imports, ...worldTypes(wit)].sort());
      expect(facts.exports).toEqual(fromJco.exports);
    }
  });

  it('digests the file as sha256sum does, and tells a core module from a component', async () => {
    const path = await coreModuleFile();
    const inspected = await inspectWasm(path);
    expect(inspected.facts).toEqual({ kind: 'module' });
    expect(inspected.digest).toBe(`sha256:${execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0]}`);
    expect(inspected.size).toBe(readFileSync(path).length);
    expect(await wasmBinaryKind(path)).toBe('module');
  });

  it('reads a 128 MiB component (a custom section padding it) with RSS growing by less than 16 MiB', async () => {
    const SIZE = 128 * 1024 * 1024;
    const path = writePaddedComponent(readFileSync(await helloComponentFile()), SIZE, join(tmp('big'), 'big.wasm'));

    globalThis.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    try {
      const inspected = await inspectWasm(path);
      expect(inspected.size).toBe(SIZE);
      expect(inspected.facts).toMatchObject({ kind: 'component', exports: ['add', 'acme:hello/greet@0.1.0'] });
    } finally {
      clearInterval(timer);
    }
    console.log(`RSS growth inspecting 128 MiB: ${((peak - baseline) / 2 ** 20).toFixed(1)} MiB`);
    expect(peak - baseline).toBeLessThan(16 * 1024 * 1024);
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
      ['text file', () => file('text.wasm', 'hello, this is not wasm'), /text\.wasm is not a WebAssembly binary: it does not start with \\0asm/],
      [
        'unknown layer',
        () => file('layer.wasm', Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 7, 0])),
        /layer\.wasm is not a WebAssembly binary: it has an unknown WebAssembly layer 7/,
      ],
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
      await expect(inspectWasm(path)).rejects.toThrow(
        /truncated\.wasm is not a valid WebAssembly component: the section at byte \d+ is \d+ bytes long, past the end of the file: the file is truncated/,
      );
    });

    it('a malformed export section early in a large component (a read still in flight when it fails)', async () => {
      const padding = Buffer.concat([Buffer.from([0x00, 0x80, 0x80, 0xc0, 0x01, 0x01, 0x70]), Buffer.alloc(3 * 1024 * 1024 - 2)]); // custom section "p", 3 MiB
      const bytes = Buffer.concat([readFileSync(await helloComponentFile()), Buffer.from([0x0b, 0x01, 0x05]), padding]);
      await expect(inspectWasm(file('bad-export.wasm', bytes))).rejects.toThrow(
        /bad-export\.wasm is not a valid WebAssembly component: its export section at byte \d+: it ends in the middle of an entry/,
      );
    });

    it('a component with bytes after its last section', async () => {
      const path = file('trailing.wasm', Buffer.concat([readFileSync(await helloComponentFile()), Buffer.from([0x0d, 0x00])]));
      await expect(inspectWasm(path)).rejects.toThrow(/trailing\.wasm is not a valid WebAssembly component: the section at byte \d+ has an unknown id 13/);
    });
  });
});
