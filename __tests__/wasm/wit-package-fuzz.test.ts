// The binary WIT package decoder against thousands of mutated packages (issue #25), as the component reader
// was fuzzed: the four real fixtures with bytes flipped, cut, spliced, duplicated and inflated, read whole and
// in pieces. Each read either decodes, with every name it reports valid, or fails with the action's own
// "wasm" error; never another exception, never a hang, with memory bounded (the process's heap is checked).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isActionError } from '../../src/errors.js';
import { nameProblem } from '../../src/wasm/names.js';
import { readSections, TopLevelSections } from '../../src/wasm/sections.js';
import { witPackageBytes } from '../helpers/components.js';

const FIXTURES = ['acme-greeter', 'wasi-cli', 'wasi-http', 'wasi-io'];
let packages: Buffer[] = [];

beforeAll(async () => {
  packages = await Promise.all(FIXTURES.map((name) => witPackageBytes(name)));
});

/** A mutation of one fixture: flips, a cut, a splice of another fixture's bytes, a repeated run, LEB128 bytes. */
const mutated = () =>
  fc
    .record({
      base: fc.nat({ max: FIXTURES.length - 1 }),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.option(fc.nat()),
      splice: fc.option(fc.tuple(fc.nat(), fc.nat({ max: FIXTURES.length - 1 }), fc.nat(), fc.nat({ max: 64 }))),
      repeat: fc.option(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 32 }), fc.integer({ min: 2, max: 200 }))),
      leb: fc.option(fc.tuple(fc.nat(), fc.constantFrom([0xff, 0xff, 0xff, 0xff, 0x0f], [0x80, 0x80, 0x80, 0x80, 0x80, 0x01], [0xff, 0xff, 0xff, 0xff, 0xff]))),
    })
    .map(({ base, flips, cut, splice, repeat, leb }) => {
      let bytes = Buffer.from(packages[base]!);
      for (const [at, value] of flips) bytes[8 + (at % Math.max(1, bytes.length - 8))] = value;
      if (splice) {
        const [at, from, start, length] = splice;
        const donor = packages[from]!;
        const piece = donor.subarray(start % donor.length, (start % donor.length) + length);
        const i = at % bytes.length;
        bytes = Buffer.concat([bytes.subarray(0, i), piece, bytes.subarray(i)]);
      }
      if (repeat) {
        const [at, length, times] = repeat;
        const i = at % bytes.length;
        const run = bytes.subarray(i, i + length);
        bytes = Buffer.concat([bytes.subarray(0, i), ...Array<Buffer>(times).fill(run), bytes.subarray(i)]);
      }
      if (leb) {
        const i = 8 + (leb[0] % Math.max(1, bytes.length - 8));
        bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(leb[1]), bytes.subarray(i + 1)]);
      }
      if (cut !== null) bytes = bytes.subarray(0, cut % (bytes.length + 1));
      return bytes;
    });

function outcome(read: () => TopLevelSections): 'decoded' | 'refused' {
  try {
    const pkg = read().witPackage;
    if (pkg) {
      for (const used of pkg.uses) expect(nameProblem(used), used).toBeUndefined();
      expect(pkg.name).toMatch(/^[a-z0-9-]+(?::[a-z0-9-]+)+$/);
    }
    return 'decoded';
  } catch (err) {
    if (!isActionError(err, 'wasm')) throw err;
    return 'refused';
  }
}

describe('the WIT package decoder, fuzzed', () => {
  it('decodes the fixtures as they are', () => {
    for (const bytes of packages) expect(readSections(bytes).witPackage).toBeDefined();
  });

  it('3,000 mutated packages, read whole and in pieces: decoded or refused with a wasm error, the same either way', () => {
    const seen = { decoded: 0, refused: 0 };
    const heapBefore = process.memoryUsage().heapUsed;
    fc.assert(
      fc.property(mutated(), fc.array(fc.nat(), { maxLength: 4 }), (bytes, cuts) => {
        const whole = outcome(() => readSections(bytes));
        const pieces = outcome(() => {
          const s = new TopLevelSections(bytes.length);
          let from = 0;
          for (const at of [...cuts.map((c) => c % (bytes.length + 1))].sort((a, b) => a - b)) {
            s.push(bytes.subarray(from, Math.max(from, at)));
            from = Math.max(from, at);
          }
          s.push(bytes.subarray(from));
          s.end();
          return s;
        });
        expect(pieces).toBe(whole);
        seen[whole]++;
      }),
      { numRuns: 3000, seed: 25 },
    );
    // Both outcomes occur: a fuzzer whose mutations were all refused at the preamble would test nothing.
    expect(seen.refused).toBeGreaterThan(100);
    expect(seen.decoded).toBeGreaterThan(20);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 2 ** 20);
  }, 120_000);
});
