// Reads the component binary's productions (component-model design/mvp/Binary.md) from one section's bytes,
// failing on anything out of bounds: the import and export sections' entries here, the types of a WIT
// package in wit-package.ts.
import { ActionError } from '../errors.js';

export type ExternKind = 'module' | 'func' | 'value' | 'type' | 'component' | 'instance';

/** An `externdesc` or a `sortidx`: the sort, and the type (or item) index it names, where it names one. */
export interface Extern {
  kind: ExternKind;
  index?: number;
}

const SORTS: Record<number, ExternKind> = { 0x01: 'func', 0x02: 'value', 0x03: 'type', 0x04: 'component', 0x05: 'instance' };
const CORE_MODULE_SORT = 0x11;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export class Reader {
  private pos = 0;
  constructor(private readonly bytes: Buffer) {}

  done(): boolean {
    return this.pos === this.bytes.length;
  }
  position(): number {
    return this.pos;
  }
  left(): number {
    return this.bytes.length - this.pos;
  }
  u8(): number {
    if (this.pos >= this.bytes.length) throw new ActionError('wasm', 'it ends in the middle of an entry');
    return this.bytes[this.pos++]!;
  }
  peek(): number {
    if (this.pos >= this.bytes.length) throw new ActionError('wasm', 'it ends in the middle of an entry');
    return this.bytes[this.pos]!;
  }
  u32(): number {
    let value = 0;
    for (let i = 0; ; i++) {
      if (i === 5) throw new ActionError('wasm', 'it holds a number longer than a u32');
      const b = this.u8();
      value += (b & 0x7f) * 2 ** (7 * i);
      if ((b & 0x80) === 0) break;
    }
    if (value > 0xffffffff) throw new ActionError('wasm', 'a number is larger than a u32');
    return value;
  }
  /** A length-prefixed UTF-8 string: a label, an alias's export name. */
  string(): string {
    const len = this.u32();
    if (len > this.left()) throw new ActionError('wasm', 'a name runs past the end of the section');
    const start = this.pos;
    this.pos += len;
    // Names are ASCII in practice (the component model's grammar is): read those without the UTF-8 decoder.
    let ascii = true;
    for (let i = start; i < this.pos && ascii; i++) ascii = this.bytes[i]! < 0x80;
    if (ascii) return this.bytes.toString('latin1', start, this.pos);
    try {
      return UTF8.decode(this.bytes.subarray(start, this.pos));
    } catch {
      throw new ActionError('wasm', 'a name is not valid UTF-8');
    }
  }
  /** importname' / exportname': a discriminator byte (0x00; 0x01 was an older marker for interface names, still accepted by wasmparser), then the name. */
  externName(): string {
    const tag = this.u8();
    if (tag !== 0x00 && tag !== 0x01) throw new ActionError('wasm', `a name has an encoding this action does not read (0x${tag.toString(16)})`);
    return this.string();
  }
  externDesc(): Extern {
    const tag = this.u8();
    switch (tag) {
      case 0x00:
        this.coreModuleSort();
        return { kind: 'module', index: this.u32() };
      case 0x02: {
        const bound = this.u8(); // 0x00 eq <valueidx> | 0x01 <valtype>: a type index, or a primitive as a one-byte negative s33
        if (bound !== 0x00 && bound !== 0x01) throw new ActionError('wasm', `a value has an unknown bound 0x${bound.toString(16)}`);
        this.u32();
        return { kind: 'value' };
      }
      case 0x03: {
        const bound = this.u8(); // 0x00 eq <typeidx> | 0x01 sub resource
        if (bound === 0x00) return { kind: 'type', index: this.u32() };
        if (bound !== 0x01) throw new ActionError('wasm', `a type has an unknown bound 0x${bound.toString(16)}`);
        return { kind: 'type' };
      }
      case 0x01:
      case 0x04:
      case 0x05:
        return { kind: SORTS[tag]!, index: this.u32() };
      default:
        throw new ActionError('wasm', `an entry has an unknown kind 0x${tag.toString(16)}`);
    }
  }
  /** `sortidx`: the exported item's sort (0x00 then the core sort, which must be module, for a core item) and index. */
  sortIdx(): Extern {
    const sort = this.sort();
    return { kind: sort, index: this.u32() };
  }
  /** `sort`: one of the component sorts, or a core module. */
  sort(): ExternKind {
    const sort = this.u8();
    if (sort === 0x00) this.coreModuleSort();
    else if (!(sort in SORTS)) throw new ActionError('wasm', `an export has an unknown sort 0x${sort.toString(16)}`);
    return sort === 0x00 ? 'module' : SORTS[sort]!;
  }
  private coreModuleSort(): void {
    const core = this.u8();
    if (core !== CORE_MODULE_SORT)
      throw new ActionError('wasm', `a component imports or exports a core item other than a module (sort 0x${core.toString(16)})`);
  }
}
