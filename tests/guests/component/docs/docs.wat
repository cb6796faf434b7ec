;; The core module of docs.component.wasm (docs.wit): hello returns the person's name, count = mood + 10 * shape
;; case + 100 * perms + the circle's radius truncated, add wraps.
(module
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
    (local $at i32)
    global.get $next
    local.get 2
    i32.add
    i32.const 1
    i32.sub
    i32.const 0
    local.get 2
    i32.sub
    i32.and
    local.tee $at
    local.get 3
    i32.add
    global.set $next
    local.get $at)
  (func (export "local:docs/greet@0.1.0#hello") (param $name i32) (param $len i32) (param $age i32) (result i32)
    i32.const 16
    local.get $name
    i32.store
    i32.const 20
    local.get $len
    i32.store
    i32.const 16)
  (func (export "local:docs/greet@0.1.0#count") (param $mood i32) (param $case i32) (param $radius f32) (param $perms i32) (result i32)
    local.get $mood
    local.get $case
    i32.const 10
    i32.mul
    i32.add
    local.get $perms
    i32.const 100
    i32.mul
    i32.add
    local.get $radius
    i32.trunc_sat_f32_u
    i32.add)
  (func (export "add") (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add))
