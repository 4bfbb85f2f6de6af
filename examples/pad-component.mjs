// Pads a component to an exact size with a custom section, which may stand anywhere in a component and which
// runtimes ignore: large real components for the benchmark, the tests and the GHCR end-to-end run.
//   node examples/pad-component.mjs <in.wasm> <out.wasm> <size in MiB>
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NAME = Buffer.from('padding');

/** Writes `base` followed by one custom section that brings the file to `size` bytes. */
export function writePaddedComponent(base, size, path) {
  // Section id 0, its size as a 5-byte LEB128 (redundant continuation bytes are valid), then the name.
  const header = Buffer.from([0x00, 0, 0, 0, 0, 0, NAME.length, ...NAME]);
  const payload = size - base.length - header.length;
  if (payload < 0) throw new Error(`cannot pad a ${base.length}-byte component to ${size} bytes`);
  for (let i = 1, left = NAME.length + 1 + payload; i <= 5; i++, left = Math.floor(left / 128)) header[i] = (left & 0x7f) | (i < 5 ? 0x80 : 0);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, base);
    writeSync(fd, header);
    const chunk = Buffer.alloc(1 << 20, 0x5a);
    for (let left = payload; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
  } finally {
    closeSync(fd);
  }
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output, mib] = process.argv.slice(2);
  if (!input || !output || !Number(mib)) throw new Error('usage: node examples/pad-component.mjs <in.wasm> <out.wasm> <size in MiB>');
  writePaddedComponent(readFileSync(input), Number(mib) * 1024 * 1024, output);
}
