import { setFlagsFromString } from 'node:v8';
import { run } from './main.js';

// Wasm in this process (undici's HTTP parser, jco's wasm-tools when componentizing) is compiled by V8's
// baseline compiler, Liftoff, only. Otherwise V8 also optimizes it on background threads, and Node waits for
// those before it exits: measured here, 110-190 ms added to every run, more than optimized code wins back in
// a run this short (jco's componentize ends sooner too). V8 lists the flag as a testing one; `--no-wasm-tier-up`
// and `--wasm-lazy-compilation` were measured and do not remove the wait. Liftoff compiles all of standard
// Wasm, SIMD included, on x64 and arm64. The flag is set after main.js's imports are evaluated; that is
// early enough because undici compiles its parser on the first connection and jco is imported when used.
setFlagsFromString('--liftoff-only');

await run();
