// Reads a Wasm binary's top-level sections as its bytes stream past, keeping only what the config needs:
// module or component, and a component's import and export names. Everything else (core modules, nested
// components, custom sections, which are most of the bytes) is skipped, so memory stays flat whatever the
// file's size and the same pass can feed the digest.
//
// Binary format: WebAssembly/component-model design/mvp/Binary.md ("Component Definitions", "Import and
// Export Definitions"). The names are what wit-component's decoder turns into world keys and oci-wasm
// writes to the config (rust-oci-wasm src/component.rs: `world.imports.keys()`), in the component's order:
// an interface by its id with version (`wasi:http/types@0.2.0`), a function, inline instance or type by its
// plain name. Imports of types are world items too (a world's `use` and type definitions); exports of types
// are not (a world cannot export a type).

export type ExternKind = 'module' | 'func' | 'value' | 'type' | 'component' | 'instance';

export interface ComponentNames {
  imports: string[];
  exports: string[];
}

export class WasmFormatError extends Error {
  override name = 'WasmFormatError';
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const IMPORT_SECTION = 10;
const EXPORT_SECTION = 11;
/** Core modules are layer 0 (version 1); components layer 1 (their version word follows the proposal's drafts). */
export type WasmKind = 'module' | 'component';

export function kindFromPreamble(preamble: Uint8Array): WasmKind {
  if (!MAGIC.every((b, i) => preamble[i] === b)) throw new WasmFormatError('it does not start with \\0asm');
  const version = preamble[4]! | (preamble[5]! << 8);
  const layer = preamble[6]! | (preamble[7]! << 8);
  if (layer === 0) {
    if (version !== 1) throw new WasmFormatError(`it is a WebAssembly module of unknown version ${version}`);
    return 'module';
  }
  if (layer !== 1) throw new WasmFormatError(`it has an unknown WebAssembly layer ${layer}`);
  return 'component';
}

/** Feed it the file's bytes in order with `push`, then call `end`. */
export class TopLevelSections {
  kind: WasmKind | undefined;
  readonly names: ComponentNames = { imports: [], exports: [] };
  /** Bytes of the preamble or of a section header not complete yet. */
  private pending: number[] = [];
  private skipping = 0;
  private collecting: { id: number; bytes: Buffer; filled: number } | undefined;
  /** Bytes pushed before the current chunk, and where the section being read starts: for the error messages. */
  private offset = 0;
  private sectionStart = 0;

  push(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.skipping > 0) {
        const n = Math.min(this.skipping, chunk.length - pos);
        this.skipping -= n;
        pos += n;
      } else if (this.collecting) {
        const c = this.collecting;
        const n = Math.min(c.bytes.length - c.filled, chunk.length - pos);
        c.bytes.set(chunk.subarray(pos, pos + n), c.filled);
        c.filled += n;
        pos += n;
        if (c.filled === c.bytes.length) {
          this.collecting = undefined;
          this.readSection(c.id, c.bytes);
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
    if (this.kind === undefined) throw new WasmFormatError('it ends inside the 8-byte preamble');
    if (this.pending.length > 0 || this.skipping > 0 || this.collecting) {
      throw new WasmFormatError(`it ends inside the section that starts at byte ${this.sectionStart}: the file is truncated`);
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
      if (p.length >= 6) throw new WasmFormatError(`the size of the section at byte ${this.sectionStart} is not a valid u32`);
      return;
    }
    const id = p[0]!;
    const size = leb128(p, 1);
    this.pending = [];
    if (this.kind === 'component' && (id === IMPORT_SECTION || id === EXPORT_SECTION)) {
      const bytes = Buffer.alloc(size);
      if (size === 0) this.readSection(id, bytes);
      else this.collecting = { id, bytes, filled: 0 };
    } else {
      this.skipping = size;
    }
  }

  private readSection(id: number, bytes: Buffer): void {
    const r = new Reader(bytes);
    const count = r.u32();
    for (let i = 0; i < count; i++) {
      const name = r.externName();
      if (id === IMPORT_SECTION) {
        const kind = r.externDesc();
        if (kind === 'instance' || kind === 'func' || kind === 'type') this.names.imports.push(name);
      } else {
        const kind = r.sortIdx();
        if (r.u8() === 0x01) r.externDesc(); // optional ascribed type
        if (kind === 'instance' || kind === 'func') this.names.exports.push(name);
      }
    }
    if (!r.done()) throw new WasmFormatError(`its ${id === IMPORT_SECTION ? 'import' : 'export'} section has ${r.left()} bytes left over`);
  }
}

function leb128(bytes: number[], from: number): number {
  let value = 0;
  for (let i = from, shift = 0; i < bytes.length; i++, shift += 7) value += (bytes[i]! & 0x7f) * 2 ** shift;
  if (value > 0xffffffff) throw new WasmFormatError('a section size is larger than a u32');
  return value;
}

const SORTS: Record<number, ExternKind> = { 0x01: 'func', 0x02: 'value', 0x03: 'type', 0x04: 'component', 0x05: 'instance' };
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Reads the productions import and export sections use, failing on anything out of bounds. */
class Reader {
  private pos = 0;
  constructor(private readonly bytes: Buffer) {}

  done(): boolean {
    return this.pos === this.bytes.length;
  }
  left(): number {
    return this.bytes.length - this.pos;
  }
  u8(): number {
    if (this.pos >= this.bytes.length) throw new WasmFormatError('an import or export section ends too early');
    return this.bytes[this.pos++]!;
  }
  u32(): number {
    const bytes: number[] = [];
    let b: number;
    do {
      b = this.u8();
      bytes.push(b);
      if (bytes.length > 5) throw new WasmFormatError('an import or export section holds an invalid u32');
    } while (b & 0x80);
    return leb128(bytes, 0);
  }
  /** `valtype`: a type index, or a primitive value type encoded as a negative one-byte s33. */
  valType(): void {
    this.u32();
  }
  /** importname' / exportname': a discriminator byte (0x00; 0x01 was an older marker for interface names, still accepted by wasmparser), then the name. */
  externName(): string {
    const tag = this.u8();
    if (tag !== 0x00 && tag !== 0x01) throw new WasmFormatError(`an import or export name has an encoding this action does not read (0x${tag.toString(16)})`);
    const len = this.u32();
    if (len > this.left()) throw new WasmFormatError('an import or export name runs past its section');
    try {
      return UTF8.decode(this.bytes.subarray(this.pos, (this.pos += len)));
    } catch {
      throw new WasmFormatError('an import or export name is not valid UTF-8');
    }
  }
  externDesc(): ExternKind {
    const tag = this.u8();
    switch (tag) {
      case 0x00:
        if (this.u8() !== 0x11) throw new WasmFormatError('an import or export names a core sort other than module');
        this.u32();
        return 'module';
      case 0x02: {
        const bound = this.u8(); // 0x00 eq <valueidx> | 0x01 <valtype>
        if (bound === 0x00) this.u32();
        else if (bound === 0x01) this.valType();
        else throw new WasmFormatError(`an import or export has an unknown value bound 0x${bound.toString(16)}`);
        return 'value';
      }
      case 0x03: {
        const bound = this.u8(); // 0x00 eq <typeidx> | 0x01 sub resource
        if (bound === 0x00) this.u32();
        else if (bound !== 0x01) throw new WasmFormatError(`an import or export has an unknown type bound 0x${bound.toString(16)}`);
        return 'type';
      }
      case 0x01:
      case 0x04:
      case 0x05:
        this.u32();
        return SORTS[tag]!;
      default:
        throw new WasmFormatError(`an import or export has an unknown kind 0x${tag.toString(16)}`);
    }
  }
  /** `sortidx`: the exported item's sort (0x00 + a core sort byte for core items) and index. */
  sortIdx(): ExternKind | 'core' {
    const sort = this.u8();
    if (sort === 0x00) this.u8();
    else if (!(sort in SORTS)) throw new WasmFormatError(`an export has an unknown sort 0x${sort.toString(16)}`);
    this.u32();
    return sort === 0x00 ? 'core' : SORTS[sort]!;
  }
}
