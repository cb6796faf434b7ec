;; One interface whose functions use the memories and allocators of different core instances, and host imports with
;; more core parameters than Wasmtime's typed callbacks take. Binds as the world
;;   package local:mem@0.1.0;
;;   interface host {
;;     wide: func(a: s32, b: s64, c: f32, d: f64, e: u32, ... n: u32) -> tuple<s64, f64>;  // 14 flat + a return pointer
;;     wider: func(p0: u32, ... p17: u32) -> u32;                                           // 18: spilled to memory
;;   }
;;   interface split {
;;     echo: func(s: string) -> string;  // memory and realloc of core instance $a
;;     sum: func(s: string) -> u32;      // memory and realloc of core instance $b (same module, its own memory)
;;     call-wide: func(a: s32, ... n: u32) -> tuple<s64, f64>;  // calls host.wide
;;     call-wider: func(p0: u32, ... p17: u32) -> u32;           // spilled by the host, passed on to host.wider as is
;;   }
;;   world memories { import host; export split; }
(component
  (import "local:mem/host@0.1.0" (instance $host
    (export "wide" (func (param "a" s32) (param "b" s64) (param "c" f32) (param "d" f64) (param "e" u32) (param "f" u32) (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32) (param "k" u32) (param "l" u32) (param "m" u32) (param "n" u32) (result (tuple s64 f64))))
    (export "wider" (func (param "p0" u32) (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32) (result u32)))))
  (alias export $host "wide" (func $wide))
  (alias export $host "wider" (func $wider))
  ;; A memory with a bump allocator that grows the memory when it runs out; echo and sum read strings from it.
  (core module $alloc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))
    (func (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $at i32) (local $end i32)
      ;; at = (next + align - 1) & -align
      global.get $next
      local.get 2
      i32.add
      i32.const 1
      i32.sub
      i32.const 0
      local.get 2
      i32.sub
      i32.and
      local.set $at
      local.get $at
      local.get 3
      i32.add
      local.set $end
      (block $fits
        local.get $end
        memory.size
        i32.const 16
        i32.shl
        i32.le_u
        br_if $fits
        local.get $end
        i32.const 65535
        i32.add
        i32.const 16
        i32.shr_u
        memory.size
        i32.sub
        memory.grow
        i32.const -1
        i32.ne
        br_if $fits
        unreachable)
      local.get $end
      global.set $next
      local.get $at)
    ;; echo: the string itself, its (pointer, length) at 16
    (func (export "echo") (param i32 i32) (result i32)
      i32.const 16
      local.get 0
      i32.store
      i32.const 20
      local.get 1
      i32.store
      i32.const 16)
    ;; sum: the sum of the string's bytes
    (func (export "sum") (param $p i32) (param $n i32) (result i32)
      (local $total i32)
      (block $done
        (loop $next
          local.get $n
          i32.eqz
          br_if $done
          local.get $total
          local.get $p
          i32.load8_u
          i32.add
          local.set $total
          local.get $p
          i32.const 1
          i32.add
          local.set $p
          local.get $n
          i32.const 1
          i32.sub
          local.set $n
          br $next))
      local.get $total))
  (core instance $a (instantiate $alloc))
  (core instance $b (instantiate $alloc))
  (core func $wide_lowered (canon lower (func $wide) (memory (core memory $a "memory"))))
  (core func $wider_lowered (canon lower (func $wider) (memory (core memory $a "memory"))))
  (core instance $host_core
    (export "wide" (func $wide_lowered))
    (export "wider" (func $wider_lowered)))
  (core module $main
    (import "env" "memory" (memory 1))
    (import "host" "wide" (func $wide (param i32 i64 f32 f64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)))
    (import "host" "wider" (func $wider (param i32) (result i32)))
    ;; the host's result goes to the return area at 64, which is also this function's result
    (func (export "call-wide") (param i32 i64 f32 f64 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
      local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 local.get 5 local.get 6 local.get 7 local.get 8 local.get 9 local.get 10 local.get 11 local.get 12 local.get 13
      i32.const 64
      call $wide
      i32.const 64)
    ;; the host spilled the 18 parameters into a tuple; host.wider takes the same tuple
    (func (export "call-wider") (param i32) (result i32)
      local.get 0
      call $wider))
  (core instance $m (instantiate $main (with "env" (instance $a)) (with "host" (instance $host_core))))
  (func $echo (param "s" string) (result string)
    (canon lift (core func $a "echo") (memory (core memory $a "memory")) (realloc (core func $a "cabi_realloc"))))
  (func $sum (param "s" string) (result u32)
    (canon lift (core func $b "sum") (memory (core memory $b "memory")) (realloc (core func $b "cabi_realloc"))))
  (func $call-wide (param "a" s32) (param "b" s64) (param "c" f32) (param "d" f64) (param "e" u32) (param "f" u32) (param "g" u32) (param "h" u32) (param "i" u32) (param "j" u32) (param "k" u32) (param "l" u32) (param "m" u32) (param "n" u32) (result (tuple s64 f64))
    (canon lift (core func $m "call-wide") (memory (core memory $a "memory"))))
  (func $call-wider (param "p0" u32) (param "p1" u32) (param "p2" u32) (param "p3" u32) (param "p4" u32) (param "p5" u32) (param "p6" u32) (param "p7" u32) (param "p8" u32) (param "p9" u32) (param "p10" u32) (param "p11" u32) (param "p12" u32) (param "p13" u32) (param "p14" u32) (param "p15" u32) (param "p16" u32) (param "p17" u32) (result u32)
    (canon lift (core func $m "call-wider") (memory (core memory $a "memory")) (realloc (core func $a "cabi_realloc"))))
  (instance $split
    (export "echo" (func $echo))
    (export "sum" (func $sum))
    (export "call-wide" (func $call-wide))
    (export "call-wider" (func $call-wider)))
  (export "local:mem/split@0.1.0" (instance $split)))
