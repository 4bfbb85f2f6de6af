// How V8 compiles the Wasm this process runs (undici's HTTP parser; jco's wasm-tools when componentizing,
// js-component-bindgen when printing WIT): with its baseline compiler, Liftoff, only. Otherwise V8 also
// optimizes hot functions with TurboFan on background threads, and Node waits for those jobs before it
// exits. Measured on Node 24: a 100 KiB push spent 62 ms from its first request to its exit with tier-up,
// 39 ms without (bench/); adapting a preview1 core module with jco's componentNew, import to exit, took
// 300-360 ms with tier-up and 150-155 ms without. Runs this short never win the optimized code back.
// Liftoff compiles all of standard Wasm, SIMD included, on x64 and arm64.
import { setFlagsFromString } from 'node:v8';

/**
 * `--liftoff-only` alone does nothing once V8 is running: V8 applies a flag's implications only at start-up,
 * and it is those implications that stop the tier-up (V8's flag-definitions.h: liftoff_only implies
 * no-wasm-tier-up and no-wasm-dynamic-tiering). So each is set on its own. They are V8 testing flags.
 */
export const LIFTOFF_ONLY_FLAGS = ['--liftoff-only', '--no-wasm-tier-up', '--no-wasm-dynamic-tiering'] as const;

/** From now on, Wasm compiled in this process is Liftoff code and is never optimized. */
export function compileWasmWithLiftoffOnly(): void {
  for (const flag of LIFTOFF_ONLY_FLAGS) setFlagsFromString(flag);
}
