// The foreign packages a crate's WIT refers to, and what wit/deps already holds.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foreignPackages, isHeld, packagesInDeps } from '../../src/wit/references.js';
import { tmp, witPackageBytes } from '../helpers/components.js';

describe('foreignPackages', () => {
  it('finds use, import, export and include references, once each, and not in comments or to packages the files declare', () => {
    const world = `// use old:thing/x@9.9.9;
/* import old:other/y; */
package acme:app@0.1.0;
/// Docs that mention wasi:nope/z@1.0.0 are comments too.
world app {
  import wasi:http/types@0.2.0;
  export wasi:http/incoming-handler@0.2.0;
  include acme:greeter/greeter@1.2.0;
  use wasi:io/streams@0.2.0.{output-stream};
  import %local:pkg/iface;
}
interface helper { use wasi:io/streams@0.2.0.{input-stream}; use acme:app/other.{t}; }
package nested:inline@1.0.0 { interface i { f: func(); } }
world uses-nested { import nested:inline/i@1.0.0; import wasi:clocks/wall-clock@0.2.0-rc.1+build.5; }`;
    expect(foreignPackages([world])).toEqual([
      { name: 'acme:greeter', version: '1.2.0' },
      { name: 'local:pkg' },
      { name: 'wasi:clocks', version: '0.2.0-rc.1+build.5' },
      { name: 'wasi:http', version: '0.2.0' },
      { name: 'wasi:io', version: '0.2.0' },
    ]);
  });

  it('finds nothing in WIT that refers to no other package', () => {
    expect(foreignPackages(['package a:b;\nworld w { export f: func(); }'])).toEqual([]);
  });
});

describe('packagesInDeps', () => {
  it('reads the package declarations of subdirectories and .wit files, and the names of .wasm packages', async () => {
    const deps = join(tmp('deps'), 'deps');
    mkdirSync(join(deps, 'wasi-io-0.2.0'), { recursive: true });
    writeFileSync(join(deps, 'wasi-io-0.2.0', 'package.wit'), 'package wasi:io@0.2.0;\ninterface streams {}\n');
    writeFileSync(join(deps, 'cli.wit'), 'package wasi:cli@0.2.0 { interface stdout {} }\n');
    writeFileSync(join(deps, 'acme-greeter-1.2.0.wasm'), await witPackageBytes());
    writeFileSync(join(deps, 'junk.wasm'), 'not wasm');
    const held = await packagesInDeps(deps);
    expect([...held].sort()).toEqual(['acme:greeter', 'acme:greeter@1.2.0', 'wasi:cli', 'wasi:cli@0.2.0', 'wasi:io', 'wasi:io@0.2.0']);
    expect(isHeld(held, { name: 'wasi:io', version: '0.2.0' })).toBe(true);
    expect(isHeld(held, { name: 'wasi:io', version: '0.2.1' })).toBe(false);
    expect(isHeld(held, { name: 'wasi:io' })).toBe(true);
    expect(await packagesInDeps(join(deps, 'none'))).toEqual(new Set());
  });
});
