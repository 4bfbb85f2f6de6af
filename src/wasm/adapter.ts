// A preview1 core module → a component, with the WASI preview1 adapter jco ships: the command adapter
// for a `bin` (it exports wasi:cli/run), the reactor adapter for a library (`cdylib`).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ActionError } from '../errors.js';

export type AdapterKind = 'command' | 'reactor';

/** Beside the bundle (dist/adapters, copied by scripts/bundle.mjs), or in jco's package when run from src/. */
export function adapterPath(kind: AdapterKind): string {
  const file = `wasi_snapshot_preview1.${kind}.wasm`;
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'adapters', file)];
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) candidates.push(join(dir, 'node_modules', '@bytecodealliance', 'jco', 'lib', file));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new ActionError('build', `the WASI preview1 ${kind} adapter is missing (looked in ${candidates[0]})`);
  return found;
}

export async function componentize(core: Uint8Array, kind: AdapterKind): Promise<Uint8Array> {
  // Left to Node at run time (webpackIgnore): ncc would otherwise hoist this external to a static import at
  // the top of dist/index.js, and every run would load and compile jco's wasm, build or not.
  const { componentNew } = await import(/* webpackIgnore: true */ '@bytecodealliance/jco-transpile/wasm-tools');
  const adapter = await readFile(adapterPath(kind));
  return componentNew(core, [['wasi_snapshot_preview1', adapter]]);
}
