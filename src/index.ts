import { ReadStream } from 'node:fs';
import { compileWasmWithLiftoffOnly } from './wasm-compiler.js';
import { commitTimeOfCheckout } from './git/commit-time.js';

// git is asked for the commit's time first, so that it runs while main.js, most of the bundle, is loaded.
void commitTimeOfCheckout(process.env);
const { run } = await import('./main.js');

// Once a V8 flag is set, Node compiles every built-in module loaded afterwards without the code cache it
// ships, as the flags no longer match it: 2-3× slower (measured on Node 24). So the flags are set after
// main.js's imports are evaluated, and after the two built-ins a push loads lazily: the file streams
// (behind fs.ReadStream) and perf_hooks (behind `performance`). That is still early enough: undici compiles
// its parser on the first connection, and jco is imported when used.
void ReadStream;
void performance.now();
compileWasmWithLiftoffOnly();

await run();
