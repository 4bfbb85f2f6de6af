// What a component says of itself in the custom sections `wasm-tools metadata add`, cargo component,
// componentize-js and friends write (bytecodealliance/wasm-tools crates/wasm-metadata): `component-name` (a
// name section: subsection 0 holds the name; `name` for a core module), and `authors`, `description`,
// `licenses`, `source`, `homepage`, `revision`, `version`, each raw UTF-8. Only the top level's are read, in
// the same pass as the names, each section at most 64 KiB; a value that is not clean text is left out.
import { readLeb128 } from './leb128.js';

export interface ComponentMetadata {
  name?: string;
  authors?: string;
  description?: string;
  licenses?: string;
  source?: string;
  homepage?: string;
  revision?: string;
  version?: string;
}

export const MAX_METADATA_SECTION = 64 * 1024;
const TEXT_SECTIONS = new Set(['authors', 'description', 'licenses', 'source', 'homepage', 'revision', 'version']);
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The custom section names worth keeping, for the reader to collect. */
export function isMetadataSection(name: string): boolean {
  return TEXT_SECTIONS.has(name) || name === 'component-name' || name === 'name';
}

/** Adds one custom section's payload to `meta` (the first of each wins). */
export function readMetadataSection(meta: ComponentMetadata, name: string, payload: Uint8Array): void {
  const text = name === 'component-name' || name === 'name' ? nameSectionName(payload) : decode(payload);
  if (text === undefined) return;
  const key = name === 'component-name' || name === 'name' ? 'name' : (name as keyof ComponentMetadata);
  meta[key] ??= text;
}

function decode(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = UTF8.decode(bytes).trim();
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  return text !== '' && !/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text) ? text : undefined;
}

/** A name section's subsection 0 (the module's or component's own name): id, size, then a name (length, bytes). */
function nameSectionName(payload: Uint8Array): string | undefined {
  let pos = 0;
  while (pos < payload.length) {
    const id = payload[pos++]!;
    const size = readLeb128(payload, pos);
    if (!size || size.next + size.value > payload.length) return undefined;
    if (id === 0) {
      const length = readLeb128(payload, size.next);
      return length && length.next + length.value <= size.next + size.value ? decode(payload.subarray(length.next, length.next + length.value)) : undefined;
    }
    pos = size.next + size.value;
  }
  return undefined;
}
