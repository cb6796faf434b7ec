;; hostile_malloc.wasm: a guest whose `malloc` returns a block that does not
;; fit in memory: 0xFFFFFFF8, where block + 8 wraps around to 0.
;;
;; The host must reject the block as a whole before it computes or writes
;; anything inside it. Otherwise it writes the argument at guest address 0
;; (where this guest keeps a canary, "canary!!") and passes (0, len) to
;; `take`, which counts its calls.
(module
  (memory (export "memory") 1)
  (data (i32.const 0) "canary!!canary!!")

  (global $live (mut i32) (i32.const 0))
  (global $calls (mut i32) (i32.const 0))

  (func (export "malloc") (param $size i32) (result i32)
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (i32.const 0xFFFFFFF8))

  (func (export "free") (param $ptr i32)
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  (func (export "live_allocations") (result i32)
    (global.get $live))

  ;; string -> string: takes (ptr, len) and a return area; never reached.
  (func (export "take") (param $ptr i32) (param $len i32) (param $ret i32)
    (global.set $calls (i32.add (global.get $calls) (i32.const 1)))
    (i32.store offset=0 (local.get $ret) (i32.const 0))
    (i32.store offset=4 (local.get $ret) (i32.const 0)))

  (func (export "calls") (result i32)
    (global.get $calls))
)
