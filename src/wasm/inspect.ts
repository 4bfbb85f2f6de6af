// What the published config needs to know of a .wasm file: component or core module, and a component's
// world imports and exports, read with jco (the wasm-tools part: componentWit decodes the component's world).
import { open, readFile, stat } from 'node:fs/promises';
import type { WasmFacts } from '../artifact/wasm-config.js';
import { worldItems } from './world.js';

export class WasmInputError extends Error {
  override name = 'WasmInputError';
}

/** Binary header: magic `\0asm`, then a version word. Core modules: version 1, layer 0; components: layer 1. */
const MAGIC = [0x00, 0x61, 0x73, 0x6d];

export async function inspectWasm(path: string): Promise<WasmFacts> {
  if ((await wasmBinaryKind(path)) === 'module') return { kind: 'module' };
  // jco is loaded only when a component needs decoding: it costs ~100 ms to start.
  const { componentWit } = await import('@bytecodealliance/jco-transpile/wasm-tools');
  let wit: string;
  try {
    wit = await componentWit(await readFile(path));
  } catch (err) {
    throw new WasmInputError(`${path} is not a valid WebAssembly component: ${String((err as Error).message ?? err).split('\n')[0]}`);
  }
  return { kind: 'component', ...worldItems(wit), target: null };
}

/** Checks the path is a regular file holding a Wasm binary, and tells a core module from a component by its header. */
export async function wasmBinaryKind(path: string): Promise<'module' | 'component'> {
  if (path.trim() === '') throw new WasmInputError('no component path was given');
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new WasmInputError(`component file ${path} does not exist`);
    if (err.code === 'ELOOP') throw new WasmInputError(`component path ${path} is a symbolic link loop`);
    throw new WasmInputError(`cannot read component file ${path}: ${err.message}`);
  });
  if (info.isDirectory()) throw new WasmInputError(`component path ${path} is a directory, not a .wasm file`);
  if (!info.isFile()) throw new WasmInputError(`component path ${path} is not a regular file`);
  if (info.size < 8) throw new WasmInputError(`${path} is not a WebAssembly binary: it is ${info.size} bytes long`);

  const header = Buffer.alloc(8);
  const handle = await open(path, 'r');
  try {
    await handle.read(header, 0, 8, 0);
  } finally {
    await handle.close();
  }
  if (!MAGIC.every((b, i) => header[i] === b)) {
    throw new WasmInputError(`${path} is not a WebAssembly binary (it does not start with \\0asm)`);
  }
  const layer = header.readUInt16LE(6);
  if (layer === 0) {
    if (header.readUInt16LE(4) !== 1) throw new WasmInputError(`${path} is a WebAssembly module of unknown version ${header.readUInt16LE(4)}`);
    return 'module';
  }
  if (layer !== 1) throw new WasmInputError(`${path} has an unknown WebAssembly layer ${layer}`);
  return 'component';
}
