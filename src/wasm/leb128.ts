// Unsigned LEB128, the integer encoding of the Wasm binary format (core spec, "Integers"), for the readers
// that stream sections (sections.ts, auditable.ts) and read small payloads (metadata.ts).

/** The value of the unsigned LEB128 in `bytes` from `from` up to `to` (the caller has found its last byte). */
export function leb128(bytes: ArrayLike<number>, from = 0, to = bytes.length): number {
  let value = 0;
  for (let i = from, shift = 0; i < to; i++, shift += 7) value += (bytes[i]! & 0x7f) * 2 ** shift;
  return value;
}

/** The unsigned LEB128 u32 at `pos`, and where it ends; undefined when the bytes run out or it is longer than 5 bytes. */
export function readLeb128(bytes: ArrayLike<number>, pos: number): { value: number; next: number } | undefined {
  for (let end = pos; end < bytes.length && end < pos + 5; end++) {
    if ((bytes[end]! & 0x80) === 0) return { value: leb128(bytes, pos, end + 1), next: end + 1 };
  }
  return undefined;
}
