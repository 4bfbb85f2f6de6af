import { setFlagsFromString } from 'node:v8';
import { run } from './main.js';

// Wasm in this process (undici's HTTP parser, jco when componentizing) runs on V8's baseline compiler only.
// Otherwise V8 optimizes it on background threads and Node waits for them before exiting: measured here,
// 140-190 ms added to every run, more than any run's wasm gains from optimization. Read at compile time.
setFlagsFromString('--liftoff-only');

await run();
