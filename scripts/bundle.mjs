// Bundles src/ into dist/ (or the directory given as the first argument) with ncc.
// jco's wasm-tools is kept out of the bundle: ncc rewrites the .wasm files it loads through
// `new URL(..., import.meta.url)` and the bundle then fails at run time (TOOLCHAIN.md). Instead the few
// files it needs are copied beside the bundle, under dist/node_modules, where Node resolves them.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { nccBuildArgs } from './ncc-args.mjs';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const out = resolve(process.argv[2] ?? join(root, 'dist'));

rmSync(out, { recursive: true, force: true });
execFileSync(process.execPath, nccBuildArgs(root, out, ['--license', 'licenses.txt']), { stdio: 'inherit', cwd: root });

// Copy exactly what `componentNew` (the preview1 adapter step) and `unpackWit` (WIT dependencies) load: jco-transpile's entries and vendor files, and the
// preview2-shim it imports (node build only).
// Node's own lookup: the package's node_modules first, then its parents'.
const packageDir = (name, from) => {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
  }
  throw new Error(`${name} is not installed (run npm ci)`);
};
const jcoDir = packageDir('@bytecodealliance/jco-transpile', root);
const shimDir = packageDir('@bytecodealliance/preview2-shim', jcoDir);
const copy = (from, to, files) => {
  for (const f of files) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    cpSync(join(from, f), join(to, f), { recursive: true });
  }
};
const modules = join(out, 'node_modules', '@bytecodealliance');
copy(jcoDir, join(modules, 'jco-transpile'), [
  'LICENSE',
  'dist/wasm-tools.js',
  'vendor/wasm-tools.js',
  'vendor/wasm-tools.core.wasm',
  'vendor/wasm-tools.core2.wasm',
  'vendor/js-component-bindgen-component.js',
  'vendor/js-component-bindgen-component.core.wasm',
  'vendor/js-component-bindgen-component.core2.wasm',
]);
const jcoPkg = JSON.parse(readFileSync(join(jcoDir, 'package.json'), 'utf8'));
writeFileSync(
  join(modules, 'jco-transpile', 'package.json'),
  JSON.stringify(
    {
      name: jcoPkg.name,
      version: jcoPkg.version,
      license: jcoPkg.license,
      type: 'module',
      exports: { './wasm-tools': './dist/wasm-tools.js', './component': './vendor/js-component-bindgen-component.js' },
    },
    null,
    2,
  ) + '\n',
);
copy(shimDir, join(modules, 'preview2-shim'), ['LICENSE', 'package.json', 'dist/nodejs', 'dist/io', 'dist/common', 'dist/synckit']);

// The WASI preview1 adapters jco ships, to turn wasm32-wasip1 modules into components (src/wasm/adapter.ts).
const adapters = join(packageDir('@bytecodealliance/jco', root), 'lib');
copy(adapters, join(out, 'adapters'), ['wasi_snapshot_preview1.command.wasm', 'wasi_snapshot_preview1.reactor.wasm']);
