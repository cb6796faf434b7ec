;; null_malloc.wasm: a guest whose allocator always fails.
;;
;; `malloc` returns 0 for every request, so the host's first allocation for
;; a call (an argument buffer or the return area) must fail with
;; Bindgen.GuestAllocationException before the export runs.
(module
  (memory (export "memory") 1)

  (global $live (mut i32) (i32.const 0))

  (func (export "malloc") (param $size i32) (result i32)
    (i32.const 0))

  (func (export "free") (param $ptr i32)
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  (func (export "live_allocations") (result i32)
    (global.get $live))

  ;; string -> string; never reached, because the host cannot allocate its
  ;; input or return area. Returns the empty string if it ever is.
  (func (export "to_upper") (param $ptr i32) (param $len i32) (param $ret i32)
    (i32.store offset=0 (local.get $ret) (i32.const 0))
    (i32.store offset=4 (local.get $ret) (i32.const 0)))
)
