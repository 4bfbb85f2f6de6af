;; The core module inside examples/hello/hello.wasm: just enough to satisfy the world in hello.wit.
(module
  (import "wasi:cli/environment@0.2.0" "get-arguments" (func (param i32)))
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
  (func (export "acme:hello/greet@0.1.0#greet") (param i32 i32) (result i32) i32.const 0)
  (func (export "cabi_post_acme:hello/greet@0.1.0#greet") (param i32))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
)
