// The cargo command lines of each build mode, as argument arrays: no input ever passes through a shell.
import { ActionError } from '../errors.js';

export type BuildMode = 'cargo-component' | 'cargo';

export interface BuildOptions {
  mode: BuildMode;
  profile: string;
  /** Empty: the mode's default. */
  target: string;
  cargoArgs: string[];
}

/** Rust ≥1.82 emits components for wasm32-wasip2 directly. */
export const DEFAULT_CARGO_TARGET = 'wasm32-wasip2';
/** cargo-component only understands this message format (REFERENCE.md, cargo-component). */
const MESSAGE_FORMAT = '--message-format=json-render-diagnostics';

export function buildCommand(o: BuildOptions): string[] {
  if (o.mode === 'cargo-component') {
    // cargo-component picks wasm32-wasip1 itself unless told otherwise (cargo-component#364).
    return ['component', 'build', '--profile', o.profile, MESSAGE_FORMAT, ...(o.target ? ['--target', o.target] : []), ...o.cargoArgs];
  }
  return ['build', '--profile', o.profile, '--target', o.target || DEFAULT_CARGO_TARGET, MESSAGE_FORMAT, ...o.cargoArgs];
}

export function installCargoComponentCommand(version: string): string[] {
  return ['install', 'cargo-component', '--locked', '--version', version];
}

/** Targets that give a preview1 core module, which needs the WASI adapter to become a component. */
export function isPreview1Target(target: string): boolean {
  return target === 'wasm32-wasip1' || target === 'wasm32-wasi';
}

/**
 * Splits `cargo-args` like a shell would split words, quotes included, without a shell:
 * `-p hello --features "a b"` → ['-p', 'hello', '--features', 'a b'].
 */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let quote: '"' | "'" | undefined;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) current += text[++i];
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) args.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch === '\\' && i + 1 < text.length ? text[++i] : ch;
      inWord = true;
    }
  }
  if (quote) throw new ActionError('input', `unterminated ${quote} quote in "${text}"`);
  if (inWord) args.push(current);
  return args;
}
