// Real test components, built with jco from WAT and WIT (see examples/build-component.mjs).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentEmbed } from '@bytecodealliance/jco-transpile/wasm-tools';
import { buildComponent, buildHello, buildModule } from '../../examples/build-component.mjs';
import { FIXTURES } from './paths.js';

export const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `${prefix}-`));

export async function helloComponentFile(dir = tmp('hello')): Promise<string> {
  const path = join(dir, 'hello.wasm');
  writeFileSync(path, await buildHello());
  return path;
}

/** A core module (no component layer): published as wasip1. */
export async function coreModuleFile(dir = tmp('module')): Promise<string> {
  const path = join(dir, 'plain.wasm');
  writeFileSync(path, await buildModule('(module (func (export "_start")) (memory (export "memory") 1))'));
  return path;
}

/** A wasi:http proxy-shaped component: imports wasi:http/types, exports wasi:http/incoming-handler. */
export async function proxyComponent(): Promise<Buffer> {
  const wit = `package acme:proxy@0.1.0;
world proxy {
  import wasi:http/types@0.2.0;
  import log: func(msg: string);
  export wasi:http/incoming-handler@0.2.0;
}
package wasi:http@0.2.0 {
  interface types { resource incoming-request; resource response-outparam; }
  interface incoming-handler {
    use types.{incoming-request, response-outparam};
    handle: func(request: incoming-request, response-out: response-outparam);
  }
}`;
  const wat = `(module
    (import "wasi:http/types@0.2.0" "[resource-drop]incoming-request" (func (param i32)))
    (import "$root" "log" (func (param i32 i32)))
    (memory (export "memory") 1)
    (func (export "wasi:http/incoming-handler@0.2.0#handle") (param i32 i32))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))`;
  return buildComponent({ wat, wit, world: 'proxy' });
}

/** A binary WIT package from a hand-written WAT in fixtures/wit-packages (the file says what WIT it encodes). */
export async function witPackageBytes(name = 'acme-greeter'): Promise<Buffer> {
  return buildModule(readFileSync(join(FIXTURES, 'wit-packages', `${name}.wat`), 'utf8'));
}

export async function witPackageFile(name = 'acme-greeter', dir = tmp('wit-package')): Promise<string> {
  const path = join(dir, `${name}.wasm`);
  writeFileSync(path, await witPackageBytes(name));
  return path;
}

/**
 * The WIT package wit-component itself writes for one world: the `component-type:*` custom section that
 * componentEmbed puts in a core module holds exactly that encoding (wit-component src/metadata.rs `encode`).
 */
export async function embeddedWorldPackage(witSource: string, world: string): Promise<Buffer> {
  const core = Buffer.from(await componentEmbed({ witSource, world, dummy: true }));
  for (let at = 8; at < core.length;) {
    const id = core[at++]!;
    const size = uleb(core, at);
    const start = size.next;
    if (id === 0) {
      const name = uleb(core, start);
      const label = core.toString('utf8', name.next, name.next + name.value);
      if (label.startsWith('component-type')) return core.subarray(name.next + name.value, start + size.value);
    }
    at = start + size.value;
  }
  throw new Error('componentEmbed wrote no component-type section');
}

function uleb(bytes: Buffer, at: number): { value: number; next: number } {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const b = bytes[at++]!;
    value += (b & 0x7f) * 2 ** shift;
    if (b < 0x80) return { value, next: at };
  }
}

/**
 * jco's wasm-tools run under a WASI shim with no directory preopened, so `witPath` finds nothing until the
 * host's root is preopened (the shim jco-transpile itself imports, found from its own package).
 */
export async function letJcoReadFiles(): Promise<void> {
  const require = createRequire(createRequire(import.meta.url).resolve('@bytecodealliance/jco-transpile'));
  const shim = (await import(pathToFileURL(require.resolve('@bytecodealliance/preview2-shim/filesystem')).href)) as {
    _setPreopens(preopens: Record<string, string>): void;
  };
  shim._setPreopens({ '/': '/' });
}
