// Reads a Wasm binary's top-level sections as its bytes stream past, keeping only what the config needs:
// module or component, and a component's import and export names. Everything else (core modules, nested
// components, custom sections, which are most of the bytes) is skipped, so memory stays flat whatever the
// file's size and the same pass can feed the digest.
//
// Binary format: WebAssembly/component-model design/mvp/Binary.md ("Component Definitions", "Import and
// Export Definitions"). The names are what wit-component's decoder turns into world keys and oci-wasm
// writes to the config (rust-oci-wasm src/component.rs: `world.imports.keys()`), in the component's order:
// an interface by its id with version (`wasi:http/types@0.2.0`), a function, inline instance or type by its
// plain name. Imports of types are world items (a world's `use` and type definitions); imports of core
// modules or components are not, and the decoder leaves them out. A world exports only functions and
// instances: a component exporting anything else cannot be described as a world, and oci-wasm (like jco)
// refuses it, so this does too. The one exception is a binary WIT package, whose every export is a type: its
// type sections are kept while the file may still be one, and wit-package.ts decodes them.
import { ActionError, isActionError } from '../errors.js';
import { nameProblem } from './names.js';
import { DepSectionFinder } from './auditable.js';
import { leb128 } from './leb128.js';
import { isMetadataSection, MAX_METADATA_SECTION, readMetadataSection, type ComponentMetadata } from './metadata.js';
import { Reader, type ExternKind } from './reader.js';
import { decodeWitPackage, type TypeSpaceEntry, type WitPackageFacts } from './wit-package.js';

export interface ComponentNames {
  imports: string[];
  exports: string[];
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
/** The component binary version current tools write and wasmparser (wasmtime, jco) reads; earlier drafts differ. */
const COMPONENT_VERSION = 0x0d;
const CUSTOM_SECTION = 0;
const CORE_MODULE_SECTION = 1;
const TYPE_SECTION = 7;
const IMPORT_SECTION = 10;
const EXPORT_SECTION = 11;
/** Highest section id: components 12 (value), core modules 13 (tag, exception handling). */
const LAST_SECTION_ID = { component: 12, module: 13 } as const;
/** Import and export sections are held in memory to be read: names only, so a few KiB in practice. */
const MAX_NAMES_SECTION = 16 * 1024 * 1024;

export type WasmKind = 'module' | 'component';

/** Core modules are layer 0 (version 1); components layer 1. */
export function kindFromPreamble(preamble: Uint8Array): WasmKind {
  if (!MAGIC.every((b, i) => preamble[i] === b)) throw new ActionError('wasm', 'it does not start with \\0asm');
  const version = preamble[4]! | (preamble[5]! << 8);
  const layer = preamble[6]! | (preamble[7]! << 8);
  if (layer === 0) {
    if (version !== 1) throw new ActionError('wasm', `it is a WebAssembly module of unknown version ${version}`);
    return 'module';
  }
  if (layer !== 1) throw new ActionError('wasm', `it has an unknown WebAssembly layer ${layer}`);
  if (version !== COMPONENT_VERSION) {
    throw new ActionError(
      'wasm',
      `it is a component of binary version 0x${version.toString(16)}, not 0x${COMPONENT_VERSION.toString(16)}: rebuild it with current tools (runtimes refuse other versions)`,
    );
  }
  return 'component';
}

/** Feed it the file's bytes in order with `push`, then call `end`. `fileSize`, when given, catches a section longer than the file at once. */
export class TopLevelSections {
  kind: WasmKind | undefined;
  readonly names: ComponentNames = { imports: [], exports: [] };
  /** What the binary says of itself in its top-level custom sections (metadata.ts). */
  readonly metadata: ComponentMetadata = {};
  /** Set when the component is a binary WIT package: every export a type (wit-package.ts). */
  witPackage: WitPackageFacts | undefined;
  /** Exports a world cannot hold: refused at the end (one message for all), unless they make a WIT package. */
  private otherExports: Array<{ name: string; kind: ExternKind; index: number }> = [];
  /**
   * The top level's type sections and type exports, in order, for a WIT package's types; decoded only if the
   * component turns out to be one. `undefined` once a section appears that no package has (imports, core
   * modules, aliases, …) or a type section too large to keep.
   */
  private packageTypes: TypeSpaceEntry[] | undefined = [];
  /** The names met so far, for the duplicate check: a set, so a component with many names reads in linear time. */
  private readonly seen = { import: new Set<string>(), export: new Set<string>() };
  /** Bytes of the preamble or of a section header not complete yet. */
  private pending: number[] = [];
  private skipping = 0;
  private collecting: { id: number; bytes: Buffer; filled: number; at: number } | undefined;
  /** Bytes pushed before the current chunk, and where the section being read starts: for the error messages. */
  private offset = 0;
  private sectionStart = 0;
  /** cargo-auditable's list: in the file itself when it is a core module, else in a component's core module. */
  private readonly topLevelDeps = new DepSectionFinder();
  private nestedDeps: DepSectionFinder | undefined;
  private nestedPayload: Buffer | undefined;

  constructor(private readonly fileSize?: number) {}

  /** The payload of cargo-auditable's `.dep-v0` section, when the file has one. */
  get depSection(): Buffer | undefined {
    return this.kind === 'module' ? this.topLevelDeps.payload : this.nestedPayload;
  }

  push(chunk: Uint8Array): void {
    if (this.kind !== 'component') this.topLevelDeps.push(chunk); // it stops by itself at a component's preamble
    let pos = 0;
    while (pos < chunk.length) {
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, chunk.length - pos);
        this.nestedDeps?.push(chunk.subarray(pos, pos + n));
        this.skipping -= n;
        pos += n;
        if (this.skipping === 0 && this.nestedDeps) {
          this.nestedPayload ??= this.nestedDeps.payload;
          this.nestedDeps = undefined;
        }
      } else if (this.collecting) {
        const c = this.collecting;
        const n = Math.min(c.bytes.length - c.filled, chunk.length - pos);
        c.bytes.set(chunk.subarray(pos, pos + n), c.filled);
        c.filled += n;
        pos += n;
        if (c.filled === c.bytes.length) {
          this.collecting = undefined;
          this.readSection(c.id, c.bytes, c.at);
        }
      } else {
        if (this.pending.length === 0) this.sectionStart = this.offset + pos;
        this.pending.push(chunk[pos++]!);
        this.headerByte();
      }
    }
    this.offset += chunk.length;
  }

  end(): void {
    if (this.kind === undefined) throw new ActionError('wasm', 'it ends inside the 8-byte preamble');
    if (this.pending.length > 0 || this.skipping > 0 || this.collecting) {
      throw new ActionError('wasm', `it ends inside the section that starts at byte ${this.sectionStart}: the file is truncated`);
    }
    if (this.otherExports.length === 0) return;
    const listed = this.otherExports.map((e) => `${e.kind} ${JSON.stringify(e.name)}`).join(', ');
    if (this.names.exports.length > 0 || this.otherExports.some((e) => e.kind !== 'type')) {
      throw new ActionError('wasm', `it exports ${listed}: a component's world exports only functions and interfaces`);
    }
    if (!this.packageTypes || this.names.imports.length > 0) {
      throw new ActionError('wasm', `it exports only types (${listed}) but has sections a WIT package does not: it is neither a component nor a WIT package`);
    }
    try {
      this.witPackage = decodeWitPackage(this.packageTypes, this.otherExports);
    } catch (err) {
      if (!isActionError(err, 'wasm')) throw err;
      throw new ActionError('wasm', `it exports only types, as a WIT package does, but is not one: ${err.message}`);
    }
  }

  private headerByte(): void {
    const p = this.pending;
    if (this.kind === undefined) {
      if (p.length === 8) {
        this.kind = kindFromPreamble(Uint8Array.from(p));
        this.pending = [];
      }
      return;
    }
    // Section header: id byte, then the content size as a LEB128 u32 (at most 5 bytes).
    if (p.length === 1 || (p[p.length - 1]! & 0x80) !== 0) {
      if (p.length >= 6) throw new ActionError('wasm', `the size of the section at byte ${this.sectionStart} is not a valid u32`);
      return;
    }
    const id = p[0]!;
    const size = u32(p, 1);
    const where = `the section at byte ${this.sectionStart}`;
    this.pending = [];
    if (id > LAST_SECTION_ID[this.kind]) throw new ActionError('wasm', `${where} has an unknown id ${id}`);
    if (id === CUSTOM_SECTION && size === 0) throw new ActionError('wasm', `${where} is a custom section without a name`);
    if (this.fileSize !== undefined && this.sectionStart + p.length + size > this.fileSize) {
      throw new ActionError('wasm', `${where} is ${size} bytes long, past the end of the file: the file is truncated`);
    }
    if (id === CUSTOM_SECTION && size <= MAX_METADATA_SECTION) {
      // Small custom sections are held to read their name: a metadata section is kept, any other dropped.
      this.collecting = { id, bytes: Buffer.alloc(size), filled: 0, at: this.sectionStart + p.length };
    } else if (this.kind === 'component' && (id === IMPORT_SECTION || id === EXPORT_SECTION || (id === TYPE_SECTION && this.packageTypes))) {
      if (size > MAX_NAMES_SECTION) {
        if (id !== TYPE_SECTION) throw new ActionError('wasm', `${where} holds ${size} bytes of imports or exports, more than this action reads`);
        this.packageTypes = undefined; // no WIT package has types this large; a component does not need them
        this.skipping = size;
        return;
      }
      const bytes = Buffer.alloc(size);
      const at = this.sectionStart + p.length; // where the section's content starts in the file
      if (size === 0) this.readSection(id, bytes, at);
      else this.collecting = { id, bytes, filled: 0, at };
    } else {
      if (id !== CUSTOM_SECTION && id !== TYPE_SECTION) this.packageTypes = undefined;
      this.skipping = size;
      // A component's core module (section id 1): look inside it for cargo-auditable's list, until one is found.
      if (this.kind === 'component' && id === CORE_MODULE_SECTION && size > 0 && !this.nestedPayload) this.nestedDeps = new DepSectionFinder();
    }
  }

  /** `at`: the file offset of the section's content, so that errors can name a name's byte. */
  private readSection(id: number, bytes: Buffer, at: number): void {
    if (id === CUSTOM_SECTION) return this.readCustom(bytes);
    if (id === TYPE_SECTION) return void this.packageTypes?.push({ section: bytes });
    const what = id === IMPORT_SECTION ? 'import' : 'export';
    try {
      const r = new Reader(bytes);
      const count = r.u32();
      for (let i = 0; i < count; i++) {
        const nameAt = at + r.position();
        const name = r.externName();
        if (id === IMPORT_SECTION) {
          const { kind } = r.externDesc();
          this.packageTypes = undefined; // a WIT package imports nothing
          if (kind === 'instance' || kind === 'func' || kind === 'type') this.add(this.names.imports, name, 'import', nameAt);
        } else {
          const { kind, index } = r.sortIdx();
          const ascribed = r.u8(); // an optional type ascription: 0x00 none, 0x01 an externdesc
          if (ascribed === 0x01) r.externDesc();
          else if (ascribed !== 0x00)
            throw new ActionError('wasm', `the export ${JSON.stringify(name)} has an invalid type ascription byte 0x${ascribed.toString(16)}`);
          if (kind === 'instance' || kind === 'func') this.add(this.names.exports, name, 'export', nameAt);
          else this.otherExports.push({ name, kind, index: index! });
          // Every export adds an index to its sort's space: a type's is an alias the package's types may name.
          if (kind === 'type') this.packageTypes?.push({ exported: index! });
        }
      }
      if (!r.done()) throw new ActionError('wasm', `${r.left()} bytes are left over after its ${count} entries`);
    } catch (err) {
      if (!isActionError(err, 'wasm')) throw err;
      throw new ActionError('wasm', `its ${what} section at byte ${this.sectionStart}: ${err.message}`);
    }
  }

  /** A custom section's name, then, for a metadata section, its payload. */
  private readCustom(bytes: Buffer): void {
    const r = new Reader(bytes);
    let name: string;
    try {
      const length = r.u32();
      if (length > r.left()) return;
      name = bytes.toString('latin1', r.position(), r.position() + length);
      if (isMetadataSection(name)) readMetadataSection(this.metadata, name, bytes.subarray(r.position() + length));
    } catch {
      // a custom section's content is not this reader's to judge
    }
  }

  private add(list: string[], name: string, what: 'import' | 'export', at: number): void {
    const problem = nameProblem(name);
    if (problem) throw new ActionError('wasm', `the ${what} ${JSON.stringify(name)} at byte ${at} is not a valid component-model name: ${problem}`);
    if (this.seen[what].has(name)) throw new ActionError('wasm', `the ${what} ${JSON.stringify(name)} at byte ${at} appears twice`);
    this.seen[what].add(name);
    list.push(name);
  }
}

/** The sections of a binary held in memory whole (a fetched WIT package), read and ended. */
export function readSections(bytes: Uint8Array): TopLevelSections {
  const sections = new TopLevelSections(bytes.length);
  sections.push(bytes);
  sections.end();
  return sections;
}

/** A section header's size: a u32. */
function u32(bytes: number[], from: number): number {
  const value = leb128(bytes, from);
  if (value > 0xffffffff) throw new ActionError('wasm', 'a number is larger than a u32');
  return value;
}
