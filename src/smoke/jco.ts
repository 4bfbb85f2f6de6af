// The smoke run's fallback runtime, always there: jco's bindings generator (js-component-bindgen, shipped
// beside the bundle) turns the component into an ES module over WASI 0.2's Node shim (preview2-shim), and a
// separate Node process runs it, as `jco run` / `jco serve` do (jco src/cmd/run.js), with their --sandbox
// settings made unconditional: no environment, no preopened directory, sockets and name lookups denied. The
// process itself runs under Node's permission model, reading only the generated module and the shim, with no
// child processes, addons or WASI of its own: a second wall should the shim let something through.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ActionError } from '../errors.js';

/** The WASI 0.2 interfaces jco's shim implements; anything else a component imports cannot be given to it. */
const SHIMMED = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'] as const;

export type JcoMode = { kind: 'cli'; args: string[]; network: boolean } | { kind: 'http'; port: number; network: boolean };

export interface PreparedJco {
  /** The Node process to start and its arguments. */
  command: string;
  args: string[];
  version: string;
}

/** Beside the bundle (dist/node_modules, copied by scripts/bundle.mjs), or where npm put it when run from src/. */
export function shimDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates: string[] = [];
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    candidates.push(join(dir, 'node_modules', '@bytecodealliance', 'preview2-shim'));
    candidates.push(join(dir, 'node_modules', '@bytecodealliance', 'jco-transpile', 'node_modules', '@bytecodealliance', 'preview2-shim'));
  }
  const found = candidates.find((p) => existsSync(join(p, 'dist', 'nodejs', 'cli.js')));
  if (!found) throw new ActionError('smoke', `jco's WASI shim (@bytecodealliance/preview2-shim) is missing (looked in ${candidates[0]})`);
  return found;
}

/** Imports the shim does not provide: the run would fail on them, so the step says so by name first. */
export function unshimmedImports(imports: string[]): string[] {
  return imports.filter((name) => !SHIMMED.some((pkg) => name.startsWith(`wasi:${pkg}/`)));
}

/** Writes the component's bindings and a runner into `dir`; returns how to start it. */
export async function prepareJco(componentPath: string, mode: JcoMode, dir: string, nodePath: string): Promise<PreparedJco> {
  const shim = shimDir();
  const shimUrl = (file: string) => pathToFileURL(join(shim, 'dist', 'nodejs', `${file}.js`)).href;
  const { $init, generate } = await import(/* webpackIgnore: true */ '@bytecodealliance/jco-transpile/component');
  await $init;
  const bytes = await readFile(componentPath);
  let generated: ReturnType<typeof generate>;
  try {
    // As jco-transpile's transpileBytes calls it (dist/transpile.js), with the shim's files named by URL.
    generated = generate(bytes, {
      name: 'component',
      map: SHIMMED.map((pkg) => [`wasi:${pkg}/*`, `${shimUrl(pkg)}#*`] as [string, string]),
      noTypescript: true,
      noComponentErrorWrapping: true,
    });
  } catch (err) {
    throw new ActionError('smoke', `jco cannot make bindings for ${componentPath}: ${jcoMessage(err)}`);
  }
  await mkdir(dir, { recursive: true });
  for (const [name, content] of generated.files) {
    // Names come from the bindings generator (component.js, component.core.wasm, …): kept to plain file names.
    if (!/^[\w.-]+$/.test(name)) throw new ActionError('smoke', `jco wrote an unexpected file name: ${JSON.stringify(name)}`);
    await writeFile(join(dir, name), content);
  }
  await writeFile(join(dir, 'package.json'), '{"type":"module"}\n');
  await writeFile(join(dir, 'smoke.js'), runnerSource(mode, shimUrl));
  return {
    command: nodePath,
    args: [
      // Node's permission model (stable since Node 22.13 and 23.5; the action runs on Node 24).
      '--permission',
      `--allow-fs-read=${dir}`,
      `--allow-fs-read=${shim}`,
      '--allow-worker', // the shim does its blocking I/O on a worker thread, under the same permissions
      '--disable-warning=PERM0006', // Node's warning that workers are allowed: noise in the component's output
      join(dir, 'smoke.js'),
    ],
    version: await jcoVersion(shim),
  };
}

/** The child's program: sandbox the shim, load the component, call it. */
function runnerSource(mode: JcoMode, shimUrl: (file: string) => string): string {
  const deny = mode.network ? '' : '_denyDnsLookup(); _denyTcp(); _denyUdp();';
  const common = `
import { _setEnv, _setArgs, _setCwd } from ${JSON.stringify(shimUrl('cli'))};
import { _setPreopens } from ${JSON.stringify(shimUrl('filesystem'))};
import { _denyDnsLookup, _denyTcp, _denyUdp } from ${JSON.stringify(shimUrl('sockets'))};
_setEnv({});
_setCwd('/');
_setPreopens({});
${deny}
const exported = (mod, prefix, short) => mod[Object.keys(mod).find((k) => k.startsWith(prefix)) ?? short];
let mod;
try {
  mod = await import('./component.js');
} catch (err) {
  console.error(err instanceof WebAssembly.RuntimeError ? 'wasm trap while instantiating: ' + err.message : 'cannot instantiate the component: ' + (err?.message ?? err));
  process.exit(err instanceof WebAssembly.RuntimeError ? 134 : 70);
}
`;
  if (mode.kind === 'http') {
    return `${common}
import { HTTPServer } from ${JSON.stringify(shimUrl('http'))};
const server = new HTTPServer(exported(mod, 'wasi:http/incoming-handler@', 'incomingHandler'));
server.listen(${mode.port}, '127.0.0.1');
`;
  }
  return `${common}
_setArgs(${JSON.stringify(['component', ...mode.args])});
try {
  exported(mod, 'wasi:cli/run@', 'run').run();
} catch (err) {
  // A trap exits 134 as wasmtime's does; run returning err exits 1.
  if (err instanceof WebAssembly.RuntimeError) {
    console.error('wasm trap: ' + err.message.replace(/^wasm trap: /, ''));
    process.exit(134);
  }
  // With error wrapping off, run's err (which has no payload) is thrown as undefined.
  if (err !== undefined) console.error(err?.stack ?? String(err));
  process.exit(1);
}
await new Promise((resolve) => setTimeout(resolve)); // let the shim flush stdout
process.exit(0);
`;
}

async function jcoVersion(shim: string): Promise<string> {
  const version = async (path: string) => (JSON.parse(await readFile(path, 'utf8')) as { version?: string }).version ?? '?';
  // Beside the shim (dist/node_modules), or the package whose node_modules holds it (npm's tree).
  const sibling = join(dirname(shim), 'jco-transpile', 'package.json');
  const transpile = existsSync(sibling) ? sibling : join(dirname(dirname(dirname(shim))), 'package.json');
  return `jco-transpile ${await version(transpile)}, preview2-shim ${await version(join(shim, 'package.json'))}`;
}

function jcoMessage(err: unknown): string {
  const payload = (err as { payload?: unknown }).payload;
  return typeof payload === 'string' ? payload : (err as Error).message;
}
