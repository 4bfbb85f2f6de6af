import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { LIFTOFF_ONLY_FLAGS } from '../src/wasm-compiler.js';
import { node24 } from '../scripts/node24.mjs';

// A Wasm function hot enough for V8 to tier it up: (func (export "f") (param i32) (result i32)), summing
// param, param-1, … 1 in a loop. Hand-assembled: type, function, export and code sections.
const HOT_LOOP = [
  0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 1, 127, 1, 127, 3, 2, 1, 0, 7, 5, 1, 1, 102, 0, 0, 10, 27, 1, 25, 1, 1, 127, 3, 64, 32, 1, 32, 0, 106, 33, 1, 32, 0,
  65, 1, 107, 34, 0, 13, 0, 11, 32, 1, 11,
];

/** Which compilers V8 used, as its own trace says, in a Node 24 process that set `flags` at run time as the action does. */
function compilersUsed(flags: readonly string[]): string[] {
  const script = `
    import { setFlagsFromString } from 'node:v8';
    for (const flag of ${JSON.stringify(flags)}) setFlagsFromString(flag);
    setFlagsFromString('--trace-wasm-compilation-times');
    const { f } = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(${JSON.stringify(HOT_LOOP)}))).exports;
    let sum = 0;
    for (let i = 0; i < 20000; i++) sum += f(1000);
    if (sum !== 20000 * 500500) throw new Error('wrong sum ' + sum);`;
  const out = execFileSync(node24(), ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return [...out.matchAll(/using (\w+)/g)].map((m) => String(m[1]));
}

describe('compileWasmWithLiftoffOnly', () => {
  it('without the flags, V8 on Node 24 tiers a hot Wasm function up to TurboFan (what the flags prevent)', () => {
    expect(compilersUsed([])).toContain('TurboFan');
  });

  it('set at run time, its flags keep every Wasm function on Liftoff', () => {
    expect(compilersUsed(LIFTOFF_ONLY_FLAGS)).toEqual(['Liftoff']);
  });

  it('needs every flag: --liftoff-only alone, set at run time, does not stop the tier-up', () => {
    expect(compilersUsed(['--liftoff-only'])).toContain('TurboFan');
  });
});
