// The dependency list cargo-auditable embeds: a custom section `.dep-v0` holding zlib-compressed JSON
// (rust-secure-code/cargo-auditable PARSING.md, cargo-auditable.schema.json). rustc links it into the core
// module, so in a component it sits inside the embedded core module (a top-level section of id 1), as
// auditable-extract finds it with wasmparser's parse_all. Found in the same streaming pass as the names,
// skipping everything else; a section that is missing, too large or malformed only means no such list.
import { leb128 } from './leb128.js';

export const DEP_SECTION = '.dep-v0';
/** Compressed and inflated bounds: far above a real dependency list (wasm-tools caps the inflated JSON at 2 MiB). */
const MAX_COMPRESSED = 4 * 1024 * 1024;
const MAX_INFLATED = 8 * 1024 * 1024;
const MAGIC_MODULE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/**
 * Streams a core module's bytes (from its preamble) and keeps the payload of its `.dep-v0` custom section.
 * Anything that is not a core module, or does not parse, ends the search quietly: the section reader proper
 * reports what matters about the file's structure.
 */
export class DepSectionFinder {
  payload: Buffer | undefined;
  private state: 'preamble' | 'header' | 'name-length' | 'name' | 'skip' | 'collect' | 'done' = 'preamble';
  private pending: number[] = [];
  private left = 0;
  private nameLength = 0;
  private collected: Buffer[] = [];

  push(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length && this.state !== 'done') {
      if (this.state === 'skip' || this.state === 'collect') {
        const n = Math.min(this.left, chunk.length - pos);
        if (this.state === 'collect') this.collected.push(Buffer.from(chunk.subarray(pos, pos + n)));
        this.left -= n;
        pos += n;
        if (this.left === 0) this.sectionDone();
        continue;
      }
      this.pending.push(chunk[pos++]!);
      this.byte();
    }
  }

  private byte(): void {
    const p = this.pending;
    if (this.state === 'preamble') {
      if (p.length < 8) return;
      this.state = MAGIC_MODULE.every((b, i) => p[i] === b) ? 'header' : 'done';
      this.pending = [];
    } else if (this.state === 'header') {
      if (p.length === 1 || (p[p.length - 1]! & 0x80) !== 0) {
        if (p.length > 5) this.state = 'done';
        return;
      }
      const [id, size] = [p[0]!, leb128(p, 1)];
      this.pending = [];
      this.left = size;
      this.state = id === 0 ? 'name-length' : size > 0 ? 'skip' : 'header';
    } else if (this.state === 'name-length') {
      this.left--;
      if ((p[p.length - 1]! & 0x80) !== 0) {
        if (p.length > 5 || this.left <= 0) this.state = 'done';
        return;
      }
      this.nameLength = leb128(p, 0);
      this.pending = [];
      if (this.nameLength > this.left) this.state = 'done';
      else this.state = this.nameLength === 0 ? this.payloadOrSkip('') : 'name';
    } else if (this.state === 'name') {
      this.left--;
      if (p.length < this.nameLength) return;
      const name = Buffer.from(p).toString('latin1');
      this.pending = [];
      this.state = this.payloadOrSkip(name);
    }
  }

  /** After a custom section's name: collect the payload of `.dep-v0`, skip any other. */
  private payloadOrSkip(name: string): 'collect' | 'skip' | 'header' {
    if (this.left === 0) return 'header';
    return name === DEP_SECTION && this.left <= MAX_COMPRESSED ? 'collect' : 'skip';
  }

  private sectionDone(): void {
    if (this.state === 'collect') {
      this.payload = Buffer.concat(this.collected);
      this.collected = [];
      this.state = 'done'; // one is all there is
      return;
    }
    this.state = 'header';
  }
}

/** A package of the list, shaped as the SBOM takes it: `ref` is name@version, `dependencies` refs. */
export interface AuditedPackage {
  ref: string;
  name: string;
  version: string;
  /** crates.io's registry source when the list says crates.io; undefined for local, git or other registries. */
  source?: string;
  dependencies: string[];
  /** A build-time dependency (`kind: build`): compiled for the build machine, not part of the binary. */
  excluded?: boolean;
}

export interface AuditedDependencies {
  packages: AuditedPackage[];
  /** The ref of the root package (`root: true`): the crate the binary was built from. */
  root?: string;
}

const CRATES_IO = 'registry+https://github.com/rust-lang/crates.io-index';

/** The list in a `.dep-v0` payload, or undefined when it does not inflate or does not follow the schema. */
export function parseDepSection(payload: Buffer): AuditedDependencies | undefined {
  let doc: { packages?: unknown };
  try {
    // zlib is loaded here, for the components that have the section, rather than on every run's start.
    const { inflateSync } = process.getBuiltinModule('node:zlib');
    doc = JSON.parse(inflateSync(payload, { maxOutputLength: MAX_INFLATED }).toString('utf8')) as { packages?: unknown };
  } catch {
    return undefined;
  }
  if (!Array.isArray(doc.packages)) return undefined;
  const raw = doc.packages as Array<{ name?: unknown; version?: unknown; source?: unknown; kind?: unknown; dependencies?: unknown; root?: unknown }>;
  if (!raw.every((p) => typeof p.name === 'string' && typeof p.version === 'string')) return undefined;
  const refs = raw.map((p) => `${p.name as string}@${p.version as string}`);
  const packages = raw.map((p, i) => ({
    ref: refs[i]!,
    name: p.name as string,
    version: p.version as string,
    source: p.source === 'crates.io' ? CRATES_IO : undefined,
    dependencies: (Array.isArray(p.dependencies) ? p.dependencies : [])
      .filter((d): d is number => Number.isInteger(d) && d >= 0 && d < refs.length && d !== i)
      .map((d) => refs[d]!),
    ...(p.kind === 'build' ? { excluded: true } : {}),
  }));
  const rootIndex = raw.findIndex((p) => p.root === true);
  return { packages, root: rootIndex >= 0 ? refs[rootIndex] : undefined };
}
