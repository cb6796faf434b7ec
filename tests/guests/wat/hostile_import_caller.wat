;; hostile_import_caller.wasm: calls host imports with a return area that
;; does not fit in memory. The host must reject the call before its
;; implementation runs, so a doomed call has no host-side effects.
(module
  (import "host" "upper" (func $upper (param i32 i32 i32)))
  (import "host" "make_bytes" (func $make_bytes (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "abc")

  ;; The allocator the host would use for the import's result: a bump
  ;; allocator that counts live blocks; free only counts.
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (func (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap
      (i32.and (i32.add (i32.add (local.get $ptr) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  (func (export "free") (param $ptr i32)
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  (func (export "live_allocations") (result i32)
    (global.get $live))

  ;; The return area starts 4 bytes before the end of memory: its length
  ;; field lies outside.
  (func (export "upper_past_end")
    (call $upper (i32.const 16) (i32.const 3) (i32.const 65532)))

  ;; The return area wraps around 2^32.
  (func (export "make_bytes_wrapping")
    (call $make_bytes (i32.const 5) (i32.const -4)))
)
