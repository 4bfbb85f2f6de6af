import { compileWasmWithLiftoffOnly } from './wasm-compiler.js';
import { run } from './main.js';

// After main.js's imports are evaluated, which is early enough: undici compiles its parser on the first
// connection, and jco is imported when used.
compileWasmWithLiftoffOnly();

await run();
