// Reading cargo's output: the JSON messages on stdout (`--message-format=json-render-diagnostics`: cargo
// reference, "External tools" → "JSON messages") and the rendered diagnostics on stderr.

export interface WasmArtifact {
  path: string;
  packageId: string;
  targetName: string;
  /** `bin`, `cdylib`, … from the message's target.kind. */
  kinds: string[];
  /** True when cargo found it up to date and compiled nothing. */
  fresh: boolean;
}

interface CompilerArtifact {
  reason: 'compiler-artifact';
  package_id: string;
  target: { kind: string[]; name: string };
  filenames: string[];
  fresh?: boolean;
}

/** The `.wasm` files among a stream of cargo JSON messages; never a guess at target/ paths. */
export function wasmArtifacts(stdoutLines: string[]): WasmArtifact[] {
  const found = new Map<string, WasmArtifact>();
  for (const line of stdoutLines) {
    if (!line.startsWith('{')) continue; // build scripts may print plain lines
    let message: { reason?: string };
    try {
      message = JSON.parse(line) as { reason?: string };
    } catch {
      continue;
    }
    if (message.reason !== 'compiler-artifact') continue;
    const artifact = message as CompilerArtifact;
    for (const path of artifact.filenames.filter((f) => f.endsWith('.wasm'))) {
      found.set(path, { path, packageId: artifact.package_id, targetName: artifact.target.name, kinds: artifact.target.kind, fresh: artifact.fresh === true });
    }
  }
  return [...found.values()];
}

/**
 * Every package cargo compiled, by package id: `host` when all of its units were built for the build machine
 * (a proc-macro, a build script, a build-dependency), not for `target`. Cargo puts the target's units under
 * `target/<triple>/` when a --target is given, as this action always gives one; the rest is host code that
 * never reaches the .wasm. Dev-dependencies and other workspace members are not compiled, so not listed.
 */
export function compiledPackages(stdoutLines: string[], target: string): Map<string, { host: boolean }> {
  const triple =
    target
      .replace(/\.json$/, '')
      .split(/[\\/]/)
      .pop() ?? target; // a custom target's JSON file names its directory
  const compiled = new Map<string, { host: boolean }>();
  for (const line of stdoutLines) {
    if (!line.startsWith('{')) continue;
    let message: Partial<CompilerArtifact>;
    try {
      message = JSON.parse(line) as Partial<CompilerArtifact>;
    } catch {
      continue;
    }
    if (message.reason !== 'compiler-artifact' || !message.package_id) continue;
    const forTarget = (message.filenames ?? []).some((f) => f.split(/[\\/]/).includes(triple));
    const seen = compiled.get(message.package_id);
    compiled.set(message.package_id, { host: (seen?.host ?? true) && !forTarget });
  }
  return compiled;
}

export interface CompilerError {
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/**
 * The first error rustc reported, from cargo's rendered diagnostics:
 *   error[E0308]: mismatched types
 *    --> src/main.rs:2:18
 * Paths are relative to the workspace root, where cargo runs rustc.
 */
export function firstCompilerError(stderrLines: string[]): CompilerError | undefined {
  let first: CompilerError | undefined;
  for (let i = 0; i < stderrLines.length; i++) {
    const m = /^error(?:\[E\d+\])?: (.*)$/.exec(stripAnsi(stderrLines[i]!));
    if (!m) continue;
    const at = i + 1 < stderrLines.length ? /^\s*--> (.+?):(\d+):(\d+)\s*$/.exec(stripAnsi(stderrLines[i + 1]!)) : null;
    if (at) return { message: m[1]!, file: at[1]!, line: Number(at[2]), column: Number(at[3]) };
    first ??= { message: m[1]! };
  }
  return first;
}

function stripAnsi(line: string): string {
  // eslint-disable-next-line no-control-regex
  return line.replace(/\x1b\[[0-9;]*m/g, '');
}
