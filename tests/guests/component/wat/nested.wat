;; A component whose exports come from a nested component that reaches its core modules and a type through
;; outer aliases; two core instances share one memory (the second imports the first's). Binds as the world
;;   package local:nested@0.1.0; interface math { record point { x: s32, y: s32 }
;;     add: func(a: u32, b: u32) -> u32; len: func(s: string) -> u32; origin: func() -> point; }
(component $root
  (core module $mem
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $at i32)
      global.get $next
      local.set $at
      global.get $next
      local.get 3
      i32.add
      global.set $next
      local.get $at))
  (core module $user
    (import "env" "memory" (memory 1))
    (func (export "add") (param i32 i32) (result i32) local.get 0 local.get 1 i32.add)
    (func (export "len") (param i32 i32) (result i32) local.get 1)
    (func (export "origin") (result i32)
      i32.const 16 i32.const -3 i32.store
      i32.const 20 i32.const 7 i32.store
      i32.const 16))
  (type $point (record (field "x" s32) (field "y" s32)))
  (component $inner
    (alias outer $root $mem (core module $m))
    (alias outer $root $user (core module $u))
    (alias outer $root $point (type $p))
    (core instance $mi (instantiate $m))
    (core instance $ui (instantiate $u (with "env" (instance $mi))))
    (export $pe "point" (type $p))
    (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $ui "add")))
    (func $len (param "s" string) (result u32)
      (canon lift (core func $ui "len") (memory (core memory $mi "memory")) (realloc (core func $mi "cabi_realloc"))))
    (func $origin (result $pe) (canon lift (core func $ui "origin") (memory (core memory $mi "memory"))))
    (export "add" (func $add))
    (export "len" (func $len))
    (export "origin" (func $origin)))
  (instance $math (instantiate $inner))
  (export "local:nested/math@0.1.0" (instance $math)))
