// Real test components, built with jco from WAT and WIT (see examples/build-component.mjs).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildComponent, buildHello, buildModule } from '../../examples/build-component.mjs';

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
