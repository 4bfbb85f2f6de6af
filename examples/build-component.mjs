// Builds real WebAssembly components from WAT and WIT with jco (parse → componentEmbed → componentNew).
// Used by the tests' fixtures and to regenerate examples/hello/hello.wasm:
//   node examples/build-component.mjs
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';

/** A core module from WAT. */
export async function buildModule(wat) {
  return Buffer.from(await parse(wat));
}

/** A component: the core module of `wat` with the WIT `world` embedded, turned into a component. */
export async function buildComponent({ wat, wit, world }) {
  const core = await parse(wat);
  const embedded = await componentEmbed({ binary: core, witSource: wit, world });
  return Buffer.from(await componentNew(embedded));
}

export async function buildHello() {
  const dir = new URL('./hello/', import.meta.url);
  return buildComponent({
    wat: await readFile(new URL('hello.wat', dir), 'utf8'),
    wit: await readFile(new URL('hello.wit', dir), 'utf8'),
    world: 'hello',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(new URL('./hello/hello.wasm', import.meta.url), await buildHello());
}
