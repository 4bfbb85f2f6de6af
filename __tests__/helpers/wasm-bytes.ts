// Hand-made component bytes, for tests of the section reader: the encodings of Binary.md, nothing more.
import { TopLevelSections } from '../../src/wasm/sections.js';

export const PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00];

export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    out.push((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return out;
}

export const str = (s: string): number[] => [...leb(Buffer.byteLength(s)), ...Buffer.from(s)];
export const section = (id: number, body: number[]): number[] => [id, ...leb(body.length), ...body];

/** externdesc of an import, by kind: instance, func and type (eq) name world items; a core module does not. */
export const IMPORT_DESC = { instance: [0x05, 0x00], func: [0x01, 0x00], type: [0x03, 0x00, 0x00], module: [0x00, 0x11, 0x00] };
/** sort of an export, by kind. */
export const EXPORT_SORT = { instance: [0x05], func: [0x01], type: [0x03], module: [0x00, 0x11] };

export function importSection(items: Array<[string, keyof typeof IMPORT_DESC]>): number[] {
  return section(10, [...leb(items.length), ...items.flatMap(([n, k]) => [0x00, ...str(n), ...IMPORT_DESC[k]])]);
}

/** Exports of index 0, without a type ascription (the trailing 0x00). */
export function exportSection(items: Array<[string, keyof typeof EXPORT_SORT]>): number[] {
  return section(11, [...leb(items.length), ...items.flatMap(([n, k]) => [0x00, ...str(n), ...EXPORT_SORT[k], 0x00, 0x00])]);
}

/** Streams `bytes` through the section reader in pieces of the `cuts` sizes (cycled), then ends it. */
export function readInPieces(bytes: Buffer, cuts: number[] = [bytes.length]): TopLevelSections {
  const sections = new TopLevelSections(bytes.length);
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const next = Math.min(bytes.length, at + cuts[i % cuts.length]!);
    sections.push(bytes.subarray(at, next));
    at = next;
  }
  sections.end();
  return sections;
}
