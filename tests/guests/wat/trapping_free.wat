;; trapping_free.wasm: a guest whose `free` traps once `break_free` has been
;; called, to test that a failing cleanup never hides the real outcome of a
;; call: neither a result the export produced nor the export's own trap.
(module
  (memory (export "memory") 1)

  ;; Bump allocator (8-aligned, grows memory when needed); free only counts.
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (global $free_traps (mut i32) (i32.const 0))

  (func $malloc (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local.set $ptr
      (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  (func (export "free") (param $ptr i32)
    (if (global.get $free_traps) (then unreachable))
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  (func (export "live_allocations") (result i32)
    (global.get $live))

  ;; From now on every free traps.
  (func (export "break_free")
    (global.set $free_traps (i32.const 1)))

  ;; string -> string: returns a copy of its input in a fresh block.
  (func (export "echo") (param $ptr i32) (param $len i32) (param $ret i32)
    (local $out i32)
    (if (i32.eqz (local.get $len))
      (then
        (i32.store offset=0 (local.get $ret) (i32.const 0))
        (i32.store offset=4 (local.get $ret) (i32.const 0))
        (return)))
    (local.set $out (call $malloc (local.get $len)))
    (if (i32.eqz (local.get $out)) (then unreachable))
    (memory.copy (local.get $out) (local.get $ptr) (local.get $len))
    (i32.store offset=0 (local.get $ret) (local.get $out))
    (i32.store offset=4 (local.get $ret) (local.get $len)))

  ;; string -> int: the length, from an export that needs a block but no result.
  (func (export "length_of") (param $ptr i32) (param $len i32) (result i32)
    (local.get $len))

  ;; string -> int: traps.
  (func (export "explode") (param $ptr i32) (param $len i32) (result i32)
    unreachable)
)
