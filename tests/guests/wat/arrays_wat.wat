;; arrays_wat.wasm: arrays and small scalars in hand-written WebAssembly,
;; to check the C convention without a C compiler's help: a bump allocator
;; (8-aligned, never reuses memory, grows memory when it runs out), element
;; counts rather than byte lengths, and a u16 array result.
(module
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

  (func (export "malloc") (param $size i32) (result i32)
    (local $start i32) (local $end i32)
    (local.set $start (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $start) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1)))
              (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $next (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $start))

  (func (export "free") (param $ptr i32)
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  (func (export "live_allocations") (result i32) (global.get $live))

  ;; sum of count doubles at ptr (traps when ptr is not 8-aligned)
  (func (export "sum_f64") (param $ptr i32) (param $count i32) (result f64)
    (local $i i32) (local $sum f64)
    (if (i32.and (local.get $ptr) (i32.const 7)) (then (unreachable)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; doubles every i64 in place
  (func (export "double_i64s") (param $ptr i32) (param $count i32)
    (local $i i32) (local $at i32)
    (if (i32.and (local.get $ptr) (i32.const 7)) (then (unreachable)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (local.set $at (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 3))))
        (i64.store (local.get $at) (i64.mul (i64.load (local.get $at)) (i64.const 2)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next))))

  ;; a new u16 array of count elements, element i = i * 2, through the return area
  (func (export "iota_u16") (param $count i32) (param $ret i32)
    (local $ptr i32) (local $i i32)
    (if (i32.eqz (local.get $count))
      (then (i64.store (local.get $ret) (i64.const 0)) (return)))
    (local.set $ptr (call 0 (i32.shl (local.get $count) (i32.const 1))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $count)))
        (i32.store16 (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 1)))
          (i32.shl (local.get $i) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (local.get $ret) (local.get $ptr))
    (i32.store offset=4 (local.get $ret) (local.get $count)))

  ;; -value as a 16-bit integer, sign-extended the way clang returns an int16_t
  (func (export "neg_i16") (param $v i32) (result i32)
    (i32.extend16_s (i32.sub (i32.const 0) (local.get $v))))

  ;; a byte with garbage in the upper bits: the host must truncate it
  (func (export "dirty_u8") (param $v i32) (result i32)
    (i32.or (i32.add (local.get $v) (i32.const 1)) (i32.const 0x7F00)))
)
