// Components that run, written by hand for the smoke-run tests (TOOLCHAIN.md "Components that run"): WAT for
// the core module, the real WASI 0.2.12 WIT that jco ships for its types, jco's componentEmbed/componentNew.
// CLI components print their arguments, fail, trap, loop, probe the sandbox or import what no runtime has; HTTP
// handlers answer a fixed status and body.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { componentEmbed, componentNew, parse } from '@bytecodealliance/jco-transpile/wasm-tools';
import { ROOT } from './paths.js';
import { tmp } from './components.js';

/** WASI 0.2.12's packages as jco ships them, each made a nested `package … { }` block of one WIT source. */
function wasiWit(): string {
  const root = join(ROOT, 'node_modules', '@bytecodealliance', 'jco', 'lib', 'wit', 'builtin', '0.2.12');
  return readdirSync(root)
    .map((dir) => {
      const text = readFileSync(join(root, dir, 'package.wit'), 'utf8');
      const header = /^\s*package ([^;]+);/m.exec(text)!;
      return `package ${header[1]} {\n${text.replace(header[0], '')}\n}\n`;
    })
    .join('\n');
}

export type CliMode = 'args' | 'fail' | 'trap' | 'loop' | 'probe' | 'missing';

const cliWit = (extra = ''): string =>
  `package test:cli;
world cli {
  import wasi:cli/environment@0.2.12;
  import wasi:cli/stdout@0.2.12;
  import wasi:filesystem/preopens@0.2.12;
  ${extra}
  export wasi:cli/run@0.2.12;
}
${extra ? 'package acme:missing@1.0.0 { interface thing { poke: func(); } }' : ''}
` + wasiWit();

const body: Record<CliMode, string> = {
  args: `(call $args (i32.const 16)) (call $print-list (i32.const 16) (i32.const 8) (i32.const 0)) (i32.const 0)`,
  fail: `(call $out (i32.const 80) (i32.const 18)) (i32.const 1)`,
  trap: `(call $out (i32.const 100) (i32.const 14)) unreachable`,
  loop: `(loop $l (br $l)) (i32.const 0)`,
  probe: `(call $env (i32.const 16)) (call $print-list (i32.const 16) (i32.const 16) (i32.const 1))
          (call $dirs (i32.const 16)) (call $print-list (i32.const 16) (i32.const 12) (i32.const 2)) (i32.const 0)`,
  missing: `(call $poke) (i32.const 0)`,
};

function cliWat(mode: CliMode): string {
  return `(module
  (import "wasi:cli/environment@0.2.12" "get-arguments" (func $args (param i32)))
  (import "wasi:cli/environment@0.2.12" "get-environment" (func $env (param i32)))
  (import "wasi:filesystem/preopens@0.2.12" "get-directories" (func $dirs (param i32)))
  (import "wasi:cli/stdout@0.2.12" "get-stdout" (func $stdout (result i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush" (func $write (param i32 i32 i32 i32)))
  ${mode === 'missing' ? '(import "acme:missing/thing@1.0.0" "poke" (func $poke))' : ''}
  (memory (export "memory") 16)
  (global $heap (mut i32) (i32.const 4096))
  (global $so (mut i32) (i32.const -1))
  (data (i32.const 64) "\\n=preopen ")
  (data (i32.const 80) "failing on purpose")
  (data (i32.const 100) "about to trap!")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $p i32)
    (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1))) (i32.xor (i32.sub (local.get 2) (i32.const 1)) (i32.const -1))))
    (global.set $heap (i32.add (local.get $p) (local.get 3)))
    (local.get $p))
  (func $out (param $ptr i32) (param $len i32)
    (if (i32.lt_s (global.get $so) (i32.const 0)) (then (global.set $so (call $stdout))))
    (call $write (global.get $so) (local.get $ptr) (local.get $len) (i32.const 32)))
  ;; a list at mem[at] (ptr, len) of records of size: kind 0 strings, 1 (string,string), 2 (handle,string)
  (func $print-list (param $at i32) (param $size i32) (param $kind i32)
    (local $p i32) (local $n i32)
    (local.set $p (i32.load (local.get $at)))
    (local.set $n (i32.load offset=4 (local.get $at)))
    (block $done (loop $next
      (br_if $done (i32.eqz (local.get $n)))
      (if (i32.eq (local.get $kind) (i32.const 2)) (then
        (call $out (i32.const 66) (i32.const 8))
        (call $out (i32.load offset=4 (local.get $p)) (i32.load offset=8 (local.get $p))))
      (else
        (call $out (i32.load (local.get $p)) (i32.load offset=4 (local.get $p)))
        (if (i32.eq (local.get $kind) (i32.const 1)) (then
          (call $out (i32.const 65) (i32.const 1))
          (call $out (i32.load offset=8 (local.get $p)) (i32.load offset=12 (local.get $p)))))))
      (call $out (i32.const 64) (i32.const 1))
      (local.set $p (i32.add (local.get $p) (local.get $size)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next))))
  (func (export "wasi:cli/run@0.2.12#run") (result i32) ${body[mode]}))`;
}

async function cliComponent(mode: CliMode): Promise<Buffer> {
  const core = await parse(cliWat(mode));
  const wit = cliWit(mode === 'missing' ? 'import acme:missing/thing@1.0.0;' : '');
  return Buffer.from(await componentNew(await componentEmbed({ binary: core, witSource: wit, world: 'cli' })));
}

function httpWat(status: number, text: string): string {
  return `(module
  (import "wasi:http/types@0.2.12" "[constructor]fields" (func $fields (result i32)))
  (import "wasi:http/types@0.2.12" "[constructor]outgoing-response" (func $response (param i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.set-status-code" (func $status (param i32 i32) (result i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-response.body" (func $body (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[method]outgoing-body.write" (func $stream (param i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]outgoing-body.finish" (func $finish (param i32 i32 i32 i32)))
  (import "wasi:http/types@0.2.12" "[static]response-outparam.set" (func $set (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[method]output-stream.blocking-write-and-flush" (func $write (param i32 i32 i32 i32)))
  (import "wasi:io/streams@0.2.12" "[resource-drop]output-stream" (func $drop-stream (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 256) "${[...Buffer.from(text)].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('')}")
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) (i32.const 1024))
  (func (export "wasi:http/incoming-handler@0.2.12#handle") (param $req i32) (param $out i32)
    (local $resp i32) (local $body i32) (local $s i32)
    (local.set $resp (call $response (call $fields)))
    (drop (call $status (local.get $resp) (i32.const ${status})))
    (call $body (local.get $resp) (i32.const 16))
    (local.set $body (i32.load (i32.const 20)))
    (call $set (local.get $out) (i32.const 0) (local.get $resp) (i32.const 0) (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (call $stream (local.get $body) (i32.const 24))
    (local.set $s (i32.load (i32.const 28)))
    (call $write (local.get $s) (i32.const 256) (i32.const ${Buffer.byteLength(text)}) (i32.const 32))
    (call $drop-stream (local.get $s))
    (call $finish (local.get $body) (i32.const 0) (i32.const 0) (i32.const 40))))`;
}
async function httpComponent(status: number, text: string): Promise<Buffer> {
  const core = await parse(httpWat(status, text));
  const wit =
    `package test:http;\nworld handler { import wasi:http/types@0.2.12; import wasi:io/streams@0.2.12; export wasi:http/incoming-handler@0.2.12; }\n` +
    wasiWit();
  return Buffer.from(await componentNew(await componentEmbed({ binary: core, witSource: wit, world: 'handler' })));
}

/** A `wasi:cli/run` component of the given behaviour, written to a file. */
export async function cliComponentFile(mode: CliMode, dir = tmp(`smoke-${mode}`)): Promise<string> {
  const path = join(dir, `cli-${mode}.wasm`);
  writeFileSync(path, await cliComponent(mode));
  return path;
}

/** A `wasi:http/incoming-handler` component that answers `status` with `text`, written to a file. */
export async function httpComponentFile(status: number, text: string, dir = tmp(`smoke-http-${status}`)): Promise<string> {
  const path = join(dir, `http-${status}.wasm`);
  writeFileSync(path, await httpComponent(status, text));
  return path;
}
