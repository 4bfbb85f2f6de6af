// Binary WIT packages: recognised in the streaming pass, decoded to what oci-wasm's Component::from_package
// puts in the config (worked out by hand below from its rules), and refused when they only look like one.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentEmbed, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { inspectWasm } from '../../src/wasm/inspect.js';
import { buildWasmConfig } from '../../src/artifact/wasm-config.js';
import { embeddedWorldPackage, letJcoReadFiles, tmp, witPackageBytes, witPackageFile } from '../helpers/components.js';
import { readInPieces } from '../helpers/wasm-bytes.js';

/** oci-wasm's rules for the fixture: every interface id, each world's id, and each world's exports by world key. */
const GREETER = {
  name: 'acme:greeter',
  version: '1.2.0',
  interfaces: ['acme:greeter/types@1.2.0', 'acme:greeter/greet@1.2.0'],
  worlds: ['acme:greeter/greeter@1.2.0'],
  // world greeter exports `ping` and `greet` (its key is the interface's id); sorted, each once
  exports: ['acme:greeter/greet@1.2.0', 'acme:greeter/greeter@1.2.0', 'acme:greeter/types@1.2.0', 'ping'],
  uses: ['wasi:cli/stdout@0.2.0'],
};

function wasmFile(bytes: Uint8Array): string {
  const path = join(tmp('wit'), 'p.wasm');
  writeFileSync(path, bytes);
  return path;
}

describe('a binary WIT package', () => {
  beforeAll(letJcoReadFiles);

  it('the fixture is one: wit-parser resolves it from wit/deps, as wit-bindgen would', async () => {
    const dir = tmp('wit-deps');
    mkdirSync(join(dir, 'deps'), { recursive: true });
    writeFileSync(join(dir, 'deps', 'acme-greeter-1.2.0.wasm'), await witPackageBytes());
    writeFileSync(join(dir, 'app.wit'), 'package me:app;\nworld app { include acme:greeter/greeter@1.2.0; }\n');
    const core = await componentEmbed({ witPath: dir, world: 'app', dummy: true });
    expect(core.length).toBeGreaterThan(100);
  });

  it('is read as a package, with what oci-wasm lists, in one streaming pass', async () => {
    const { facts } = await inspectWasm(await witPackageFile());
    expect(facts).toEqual({ kind: 'wit-package', ...GREETER });
    const bytes = await witPackageBytes();
    for (const cuts of [[1], [3, 7], [64]]) expect(readInPieces(bytes, cuts).witPackage).toEqual(GREETER);
  });

  it('becomes a wasip2 config with no imports and sorted exports', async () => {
    const { facts, digest } = await inspectWasm(await witPackageFile());
    expect(buildWasmConfig(facts, digest, '2026-01-01T00:00:00Z')).toEqual({
      created: '2026-01-01T00:00:00Z',
      author: null,
      architecture: 'wasm',
      os: 'wasip2',
      layerDigests: [digest],
      component: { exports: GREETER.exports, imports: [], target: null },
    });
  });

  it('reads what wit-component itself writes: every kind of type a world can hold', async () => {
    const wit = `package acme:shop@0.3.0;
interface cart {
  resource basket { constructor(); add: func(item: string); }
  variant failure { full, closed(string) }
  flags mode { fast, safe }
  enum colour { red, green }
  type pair = tuple<u32, option<list<u8>>>;
  total: func(b: borrow<basket>, m: mode, c: colour) -> result<pair, failure>;
  take: func(b: basket) -> result;
}
world shop {
  import wasi:clocks/monotonic-clock@0.2.0;
  export cart;
  export version: func() -> string;
  export sub: interface { f: func(x: s64, y: f64, z: char, w: bool) -> tuple<s8, u16, f32>; }
}
package wasi:clocks@0.2.0 { interface monotonic-clock { now: func() -> u64; } }`;
    const { facts } = await inspectWasm(wasmFile(await embeddedWorldPackage(wit, 'shop')));
    // This encoding carries the world alone: no interface of the package is exported at the top.
    expect(facts).toEqual({
      kind: 'wit-package',
      name: 'acme:shop',
      version: '0.3.0',
      interfaces: [],
      worlds: ['acme:shop/shop@0.3.0'],
      exports: ['acme:shop/cart@0.3.0', 'acme:shop/shop@0.3.0', 'sub', 'version'],
      uses: ['wasi:clocks/monotonic-clock@0.2.0'],
    });
  });

  it('has no version when its package has none', async () => {
    const bytes = await embeddedWorldPackage('package acme:plain;\nworld w { export f: func(); }', 'w');
    const { facts } = await inspectWasm(wasmFile(bytes));
    expect(facts).toMatchObject({ kind: 'wit-package', name: 'acme:plain', worlds: ['acme:plain/w'], exports: ['acme:plain/w', 'f'] });
    expect(facts).not.toHaveProperty('version');
  });

  const iface = (name: string) => `(type (component (type (instance)) (export "${name}" (instance (type 0)))))`;
  it.each([
    [
      'items of two packages',
      `${iface('a:b/x@1.0.0')} (export "x" (type 0)) ${iface('a:c/y@1.0.0')} (export "y" (type 2))`,
      /two packages, a:b@1.0.0 and a:c@1.0.0/,
    ],
    ['two versions of one package', `${iface('a:b/x@1.0.0')} (export "x" (type 0)) ${iface('a:b/y@2.0.0')} (export "y" (type 2))`, /two packages/],
    ['an item with no package name', `${iface('x')} (export "x" (type 0))`, /exports "x", which names no item of a package/],
    [
      'a type that exports two items',
      '(type (component (type (instance)) (export "a:b/x" (instance (type 0))) (export "a:b/y" (instance (type 0))))) (export "x" (type 0))',
      /its type "x" exports 2 items, not one/,
    ],
    ['a type that is no component type', '(type (func)) (export "f" (type 0))', /its export "f" is not a component type/],
    [
      'a world item that is a function',
      '(type (component (type (func)) (export "a:b/f" (func (type 0))))) (export "f" (type 0))',
      /exports a:b\/f as a func, neither an interface nor a world/,
    ],
    [
      'a core type among its declarations',
      '(type (component (core type (module)) (type (instance)) (export "a:b/x" (instance (type 0))))) (export "x" (type 0))',
      /declares a core type, which no WIT encoding does/,
    ],
  ])('is refused with %s', async (_, body, message) => {
    const path = wasmFile(await parse(`(component ${body})`));
    await expect(inspectWasm(path)).rejects.toThrow(message);
    await expect(inspectWasm(path)).rejects.toThrow(/is not a valid WebAssembly component: it exports only types, as a WIT package does, but is not one/);
  });

  it('is refused when it has what no package has (an import)', async () => {
    const path = wasmFile(await parse(`(component (import "f" (func)) ${iface('a:b/x@1.0.0')} (export "x" (type 0)))`));
    await expect(inspectWasm(path)).rejects.toThrow(/it exports only types \(type "x"\) but has sections a WIT package does not/);
  });

  it('is refused when its types nest deeper than any WIT encoding', async () => {
    let nested = '(instance)';
    for (let i = 0; i < 40; i++) nested = `(component (type ${nested}))`;
    const path = wasmFile(await parse(`(component (type (component (type ${nested}) (export "a:b/x" (component (type 0))))) (export "x" (type 0)))`));
    await expect(inspectWasm(path)).rejects.toThrow(/nest deeper than 32 levels/);
  });
});
