// Checks that the real tools the suite needs are installed: a missing one fails the run, never skips it.
import { execFileSync } from 'node:child_process';

export const REQUIRED_TOOLS = ['docker-registry', 'skopeo', 'htpasswd', 'openssl', 'git', 'tar', 'zstd', '/usr/bin/cargo', '/usr/bin/rustc'];

/** Debian's wasm32-wasi standard library (libstd-rust-dev-wasm32), which the build tests compile against. */
export const WASI_STD = '/usr/lib/rustlib/wasm32-wasi';

export function missingTools(): string[] {
  return REQUIRED_TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v "$0"`, tool], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}
