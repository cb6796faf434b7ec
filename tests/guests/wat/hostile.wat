;; hostile.wasm: exports that break the C convention on purpose.
;;
;; Each byte[]/string-returning export takes the host's return area
;; (i32 ret) and writes a (ptr, len) pair into it that the host must reject
;; with Bindgen.GuestPointerOutOfBoundsException instead of reading outside
;; linear memory. `ok_bytes` is the well-behaved control.
(module
  (memory (export "memory") 1)

  ;; Bump allocator: 8-byte aligned, never reuses memory, grows memory when
  ;; a block does not fit. `free` only updates the live counter.
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (func $malloc (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local $end64 i64)
    (local $have64 i64)
    (local.set $ptr
      (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    ;; a zero-byte request still gets a distinct block
    (local.set $end
      (i32.add (local.get $ptr)
        (select (local.get $size) (i32.const 1) (local.get $size))))
    (if (i32.lt_u (local.get $end) (local.get $ptr))
      (then (return (i32.const 0))))
    (local.set $end64 (i64.extend_i32_u (local.get $end)))
    (local.set $have64
      (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
    (if (i64.gt_u (local.get $end64) (local.get $have64))
      (then
        (if (i32.eq
              (memory.grow
                (i32.wrap_i64
                  (i64.sub
                    (i64.shr_u (i64.add (local.get $end64) (i64.const 65535))
                               (i64.const 16))
                    (i64.extend_i32_u (memory.size)))))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $ptr))

  (func $free (export "free") (param $ptr i32)
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  (func (export "live_allocations") (result i32)
    (global.get $live))

  ;; Writes (ptr, len) into the return area at `ret`.
  (func $store_result (param $ret i32) (param $ptr i32) (param $len i32)
    (i32.store offset=0 (local.get $ret) (local.get $ptr))
    (i32.store offset=4 (local.get $ret) (local.get $len)))

  ;; ptr = memory size in bytes - 4, len = 100: starts inside, ends outside.
  (func (export "oob_ptr") (param $ret i32)
    (call $store_result (local.get $ret)
      (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 4))
      (i32.const 100)))

  ;; ptr + len wraps around 2^32 (0xFFFFFFF0 + 0x20 = 0x1_0000_0010).
  (func (export "overflow") (param $ret i32)
    (call $store_result (local.get $ret)
      (i32.const 0xFFFFFFF0)
      (i32.const 0x20)))

  ;; len = 0x80000000, larger than int.MaxValue.
  (func (export "huge_len") (param $ret i32)
    (call $store_result (local.get $ret)
      (i32.const 16)
      (i32.const 0x80000000)))

  ;; len = 0xFFFFFFFF, i.e. -1 when read as a signed i32.
  (func (export "negative_len") (param $ret i32)
    (call $store_result (local.get $ret)
      (i32.const 16)
      (i32.const -1)))

  ;; Control: a valid 4-byte result "ok!!" in a malloc'd block.
  (func (export "ok_bytes") (param $ret i32)
    (local $ptr i32)
    (local.set $ptr (call $malloc (i32.const 4)))
    (if (i32.eqz (local.get $ptr)) (then unreachable))
    ;; bytes 6f 6b 21 21 = "ok!!"
    (i32.store (local.get $ptr) (i32.const 0x21216b6f))
    (call $store_result (local.get $ret) (local.get $ptr) (i32.const 4)))

  ;; A string result that lies entirely past the end of memory:
  ;; ptr = memory size in bytes, len = 16.
  (func (export "bad_string") (param $ret i32)
    (call $store_result (local.get $ret)
      (i32.shl (memory.size) (i32.const 16))
      (i32.const 16)))
;; ---- results that break the protocol rather than the bounds ----

  ;; Returns without writing its return area at all.
  (func (export "no_write") (param $ret i32))

  ;; Allocates a result but never writes the return area: the host cannot
  ;; know about the block.
  (func (export "no_write_after_alloc") (param $ret i32)
    (drop (call $malloc (i32.const 16))))

  ;; A null pointer with a non-zero length: (0, 5).
  (func (export "null_with_length") (param $ret i32)
    (call $store_result (local.get $ret) (i32.const 0) (i32.const 5)))

  ;; The result is the return area itself: (ret, 8). The host would read its
  ;; own block and free it twice.
  (func (export "result_is_return_area") (param $ret i32)
    (call $store_result (local.get $ret) (local.get $ret) (i32.const 8)))

  ;; An empty result at the start of the call's block: (ret, 0). Freeing it
  ;; would free the host's block twice.
  (func (export "empty_at_return_area") (param $ret i32)
    (call $store_result (local.get $ret) (local.get $ret) (i32.const 0)))

  ;; string -> string: returns the argument buffer, which lies in the host's
  ;; block.
  (func (export "echo_argument") (param $ptr i32) (param $len i32) (param $ret i32)
    (call $store_result (local.get $ret) (local.get $ptr) (local.get $len)))

  ;; Control: the valid empty result (0, 0).
  (func (export "empty_ok") (param $ret i32)
    (call $store_result (local.get $ret) (i32.const 0) (i32.const 0)))
)
