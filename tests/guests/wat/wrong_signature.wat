;; wrong_signature.wasm: memory, malloc and free as usual, but add_i32 has
;; the wasm signature (i64, i64) -> i64 instead of (i32, i32) -> i32.
;; Binding `int AddI32(int, int)` to it must fail with
;; Bindgen.ExportSignatureException naming the export and both signatures.
(module
  (memory (export "memory") 1)

  ;; Bump allocator: 8-byte aligned, never reuses memory, grows memory when
  ;; a block does not fit.
  (global $heap (mut i32) (i32.const 1024))

  (func (export "malloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local $end i32)
    (local.set $ptr
      (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (local.set $end
      (i32.add (local.get $ptr)
        (select (local.get $size) (i32.const 1) (local.get $size))))
    (if (i32.lt_u (local.get $end) (local.get $ptr))
      (then (return (i32.const 0))))
    (if (i64.gt_u (i64.extend_i32_u (local.get $end))
                  (i64.shl (i64.extend_i32_u (memory.size)) (i64.const 16)))
      (then
        (if (i32.eq
              (memory.grow
                (i32.wrap_i64
                  (i64.sub
                    (i64.shr_u (i64.add (i64.extend_i32_u (local.get $end))
                                        (i64.const 65535))
                               (i64.const 16))
                    (i64.extend_i32_u (memory.size)))))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  (func (export "free") (param $ptr i32))

  (func (export "add_i32") (param $a i64) (param $b i64) (result i64)
    (i64.add (local.get $a) (local.get $b)))
)
