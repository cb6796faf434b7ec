;; A module in wasm-bindgen's shape for the numbers its wrappers read from a return area (retptr), which no pinned
;; package returns optionally: Option<f64>, Option<f32>, Option<u32>, Option<i32>, Option<i64>, Option<u64> as a flag
;; word and a value (at word 1, or at byte 8 for 64-bit values), Result<u32, JsValue>, Result<f64, JsValue> and
;; Result<bool, JsValue> as a value and an error; and Option<u8> passed in as an i32 whose none is 0xFFFFFF.
;; Every optional result is none for an absent argument and for 0, so a present argument can give none too.
(module
  (import "wbg" "__wbindgen_error_new" (func $error_new (param i32 i32) (result i32)))
  (memory (export "memory") 2)
  (data (i32.const 1024) "negative input")
  (global $sp (mut i32) (i32.const 65536))

  (func (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    (global.set $sp (i32.add (global.get $sp) (local.get $delta)))
    (global.get $sp))

  ;; The flag word: 1 when the argument is present and not zero.
  (func $flag (param $ret i32) (param $present i32) (param $nonzero i32) (result i32)
    (local $some i32)
    (local.set $some (i32.and (i32.ne (local.get $present) (i32.const 0)) (local.get $nonzero)))
    (i32.store (local.get $ret) (local.get $some))
    (local.get $some))

  (func $opt_f64 (export "opt_f64") (param $ret i32) (param $present i32) (param $x f64)
    (if (call $flag (local.get $ret) (local.get $present) (f64.ne (local.get $x) (f64.const 0)))
      (then (f64.store offset=8 (local.get $ret) (f64.mul (local.get $x) (f64.const 2.5))))))
  (export "old_opt_f64" (func $opt_f64))

  (func (export "opt_f32") (param $ret i32) (param $present i32) (param $x f32)
    (if (call $flag (local.get $ret) (local.get $present) (f32.ne (local.get $x) (f32.const 0)))
      (then (f32.store offset=4 (local.get $ret) (f32.div (local.get $x) (f32.const 3))))))

  (func $opt_u32 (export "opt_u32") (param $ret i32) (param $present i32) (param $x i32)
    (if (call $flag (local.get $ret) (local.get $present) (i32.ne (local.get $x) (i32.const 0)))
      (then (i32.store offset=4 (local.get $ret) (i32.mul (local.get $x) (i32.const -1))))))
  (export "old_opt_u32" (func $opt_u32))

  (func (export "opt_i32") (param $ret i32) (param $present i32) (param $x i32)
    (if (call $flag (local.get $ret) (local.get $present) (i32.ne (local.get $x) (i32.const 0)))
      (then (i32.store offset=4 (local.get $ret) (i32.sub (local.get $x) (i32.const 1000))))))

  (func (export "opt_i64") (param $ret i32) (param $present i32) (param $x i64)
    (if (call $flag (local.get $ret) (local.get $present) (i64.ne (local.get $x) (i64.const 0)))
      (then (i64.store offset=8 (local.get $ret) (i64.mul (local.get $x) (i64.const -3000000000))))))

  (func (export "opt_u64") (param $ret i32) (param $present i32) (param $x i64)
    (if (call $flag (local.get $ret) (local.get $present) (i64.ne (local.get $x) (i64.const 0)))
      (then (i64.store offset=8 (local.get $ret) (i64.sub (i64.const 0) (local.get $x))))))

  ;; Result<u32, JsValue>: [value, error, is_error]; an Error for a negative argument.
  (func (export "result_u32") (param $ret i32) (param $x i32)
    (if (i32.lt_s (local.get $x) (i32.const 0))
      (then
        (i32.store offset=4 (local.get $ret) (call $error_new (i32.const 1024) (i32.const 14)))
        (i32.store offset=8 (local.get $ret) (i32.const 1)))
      (else
        (i32.store (local.get $ret) (i32.mul (local.get $x) (i32.const 0x7FFFFFFF)))
        (i32.store offset=8 (local.get $ret) (i32.const 0)))))

  ;; Result<f64, JsValue>: [value (8 bytes), error, is_error].
  (func (export "result_f64") (param $ret i32) (param $x f64)
    (if (f64.lt (local.get $x) (f64.const 0))
      (then
        (i32.store offset=8 (local.get $ret) (call $error_new (i32.const 1024) (i32.const 14)))
        (i32.store offset=12 (local.get $ret) (i32.const 1)))
      (else
        (f64.store (local.get $ret) (f64.sqrt (local.get $x)))
        (i32.store offset=12 (local.get $ret) (i32.const 0)))))

  ;; Result<bool, JsValue>: [value, error, is_error]; whether the argument is even.
  (func (export "result_bool") (param $ret i32) (param $x i32)
    (if (i32.lt_s (local.get $x) (i32.const 0))
      (then
        (i32.store offset=4 (local.get $ret) (call $error_new (i32.const 1024) (i32.const 14)))
        (i32.store offset=8 (local.get $ret) (i32.const 1)))
      (else
        (i32.store (local.get $ret) (i32.eqz (i32.and (local.get $x) (i32.const 1))))
        (i32.store offset=8 (local.get $ret) (i32.const 0)))))

  ;; Option<u8> in and out as an i32 whose none is 0xFFFFFF: the next byte, none for none.
  (func (export "opt_u8_next") (param $x i32) (result i32)
    (if (result i32) (i32.eq (local.get $x) (i32.const 0xFFFFFF))
      (then (i32.const 0xFFFFFF))
      (else (i32.and (i32.add (local.get $x) (i32.const 1)) (i32.const 255)))))
)
