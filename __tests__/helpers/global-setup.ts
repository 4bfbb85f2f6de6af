import { existsSync } from 'node:fs';
import { missingTools, WASI_STD } from './tools.js';

export default function setup(): void {
  const missing = missingTools();
  if (!existsSync(WASI_STD)) missing.push('libstd-rust-dev-wasm32');
  if (!existsSync('/usr/share/cargo/registry/serde_json-1.0.87')) missing.push('librust-serde-json-dev (serde_json 1.0.87)');
  if (missing.length > 0) {
    throw new Error(
      `the test suite needs ${missing.join(', ')}: run .ci/run, or apt-get install -y docker-registry skopeo apache2-utils openssl git tar zstd rustc cargo libstd-rust-dev-wasm32 wasi-libc lld-14 librust-serde-json-dev`,
    );
  }
}
