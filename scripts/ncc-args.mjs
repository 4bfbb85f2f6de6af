// The one ncc command line that bundles src/: scripts/bundle.mjs builds dist/ with it, and
// bench/start-profile.mjs rebuilds the same bundle with --stats-out to name its modules (webpack's module ids
// are deterministic only for the same sources and the same options, so the two must not drift apart).
import { join } from 'node:path';

export const JCO_WASM_TOOLS = '@bytecodealliance/jco-transpile/wasm-tools';
// jco's WIT printer (js-component-bindgen's unpackWit), for the WIT dependencies step: the same trap, the same cure.
export const JCO_COMPONENT = '@bytecodealliance/jco-transpile/component';

/** Node's arguments for `ncc build src/index.ts -o <out>`, jco's entries kept out of the bundle; `extra` appended. */
export function nccBuildArgs(root, out, extra = []) {
  return [
    join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js'),
    'build',
    join(root, 'src/index.ts'),
    '-o',
    out,
    '-e',
    JCO_WASM_TOOLS,
    '-e',
    JCO_COMPONENT,
    '-q',
    ...extra,
  ];
}
