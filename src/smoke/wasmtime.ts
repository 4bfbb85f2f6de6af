// wasmtime, when the runner has it on PATH: `wasmtime run` for a wasi:cli/run component, `wasmtime serve` for
// a wasi:http proxy. wasmtime grants a component nothing it is not told to: no preopened directory (no
// --dir), no environment variable (no --env), and no network address (-S inherit-network is off); the
// process itself is started with sandboxEnv() only. `--` ends wasmtime's options, so no path or argument
// can be read as one.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export function findWasmtime(path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, 'wasmtime');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** `wasmtime --version`'s line, e.g. `wasmtime 39.0.1 (…)`. */
export function wasmtimeVersion(binary: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve) => {
    execFile(binary, ['--version'], { env, timeout: 10_000 }, (err, stdout) => resolve(err ? 'wasmtime (version unknown)' : stdout.trim().split('\n')[0]!));
  });
}

export function wasmtimeRunArgs(componentPath: string, args: string[], network: boolean): string[] {
  return ['run', ...(network ? ['-S', 'inherit-network', '-S', 'allow-ip-name-lookup'] : []), '--', componentPath, ...args];
}

/** wasmtime serve links only the proxy world unless told to add wasi:cli (what Rust's std imports). */
export function wasmtimeServeArgs(componentPath: string, port: number, imports: string[]): string[] {
  return ['serve', '--addr', `127.0.0.1:${port}`, ...(imports.some((i) => i.startsWith('wasi:cli/')) ? ['-S', 'cli'] : []), '--', componentPath];
}
