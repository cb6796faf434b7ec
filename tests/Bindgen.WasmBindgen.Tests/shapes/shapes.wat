;; A module in wasm-bindgen's shape (host heap of 128, one-argument malloc, return areas) for what the real
;; packages do not exercise: optional string arguments and results, an Err(JsValue) built by an import, and an
;; import that allocates (string_get) while the allocator moves memory: malloc grows memory by a page on every call,
;; so under the relocating engine configuration every allocation moves it.
(module
  (import "wbg" "__wbindgen_string_new" (func $string_new (param i32 i32) (result i32)))
  (import "wbg" "__wbindgen_string_get" (func $string_get (param i32 i32)))
  (import "wbg" "__wbindgen_object_drop_ref" (func $drop_ref (param i32)))
  (import "wbg" "__wbindgen_error_new" (func $error_new (param i32 i32) (result i32)))
  (import "wbg" "__wbg_length_a1" (func $length (param i32) (result i32)))
  (import "wbg" "__wbg_prototypesetcall_b2" (func $copy_to_guest (param i32 i32 i32)))
  (import "wbg" "__wbg_newwithlength_c3" (func $new_with_length (param i32) (result i32)))
  (import "wbg" "__wbg_set_d4" (func $set (param i32 i32 i32)))
  (import "wbg" "__wbg_memory_e5" (func $js_memory (result i32)))
  (import "wbg" "__wbg_buffer_f6" (func $buffer (param i32) (result i32)))
  (import "wbg" "__wbg_newwithbyteoffsetandlength_a7" (func $view (param i32 i32 i32) (result i32)))
  (import "wbg" "__wbg_subarray_b8" (func $subarray (param i32 i32 i32) (result i32)))
  (import "wbg" "__wbg_now_c9" (func $now (result f64)))
  (import "wbg" "__wbg_set_e10" (func $set_catching (param i32 i32 i32)))
  (memory (export "memory") 2)
  ;; The shadow stack grows down from 64 KiB; the heap starts above it.
  (global $sp (mut i32) (i32.const 65536))
  (global $next (mut i32) (i32.const 65536))
  (global $live (export "live_blocks") (mut i32) (i32.const 0))
  (global $exception (mut i32) (i32.const 0))

  ;; Where handleError puts a JavaScript exception an import raised (the module makes it an Err).
  (func (export "__wbindgen_exn_store") (param $handle i32)
    (global.set $exception (local.get $handle)))

  (func $malloc (export "__wbindgen_malloc") (param $size i32) (result i32)
    (local $p i32)
    ;; One page more than the block needs: every allocation grows memory.
    (drop (memory.grow (i32.add (i32.shr_u (i32.add (local.get $size) (i32.const 65535)) (i32.const 16)) (i32.const 1))))
    (local.set $p (global.get $next))
    (global.set $next (i32.and (i32.add (i32.add (global.get $next) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $p))

  (func $free (export "__wbindgen_free") (param $p i32) (param $size i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1))))

  (func (export "__wbindgen_add_to_stack_pointer") (param $delta i32) (result i32)
    (global.set $sp (i32.add (global.get $sp) (local.get $delta)))
    (global.get $sp))

  ;; A copy of the input in a new block, or nothing for nothing: Option<String> -> Option<String>.
  (func (export "echo_optional") (param $ret i32) (param $p i32) (param $n i32)
    (local $q i32)
    (if (i32.eqz (local.get $p))
      (then
        (i32.store (local.get $ret) (i32.const 0))
        (i32.store offset=4 (local.get $ret) (i32.const 0))
        (return)))
    (local.set $q (call $malloc (local.get $n)))
    (memory.copy (local.get $q) (local.get $p) (local.get $n))
    (call $free (local.get $p) (local.get $n))
    (i32.store (local.get $ret) (local.get $q))
    (i32.store offset=4 (local.get $ret) (local.get $n)))

  ;; The input made a JavaScript string (string_new), read back through string_get, whose host side mallocs the
  ;; copy (growing and, under relocation, moving memory) before it writes it and its [ptr, len].
  (func (export "round_trip") (param $ret i32) (param $p i32) (param $n i32)
    (local $handle i32) (local $area i32)
    (local.set $handle (call $string_new (local.get $p) (local.get $n)))
    (call $free (local.get $p) (local.get $n))
    (global.set $sp (i32.sub (global.get $sp) (i32.const 16)))
    (local.set $area (global.get $sp))
    (call $string_get (local.get $area) (local.get $handle))
    (call $drop_ref (local.get $handle))
    (i32.store (local.get $ret) (i32.load (local.get $area)))
    (i32.store offset=4 (local.get $ret) (i32.load offset=4 (local.get $area)))
    (global.set $sp (i32.add (global.get $sp) (i32.const 16))))

  ;; Err(JsValue): an Error with the input as its message, made by the error_new import: [err, is_err].
  (func (export "fail") (param $ret i32) (param $p i32) (param $n i32)
    (i32.store (local.get $ret) (call $error_new (local.get $p) (local.get $n)))
    (i32.store offset=4 (local.get $ret) (i32.const 1))
    (call $free (local.get $p) (local.get $n)))
;; Vec<f64> in, each element times the factor, the same block back out: Float64Array both ways.
  (func (export "scale_f64") (param $ret i32) (param $p i32) (param $n i32) (param $factor f64)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (f64.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3)))
          (f64.mul (f64.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 3)))) (local.get $factor)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (local.get $ret) (local.get $p))
    (i32.store offset=4 (local.get $ret) (local.get $n)))

  ;; Vec<i32> in, negated, back out: Int32Array both ways.
  (func (export "negate_i32") (param $ret i32) (param $p i32) (param $n i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))
          (i32.sub (i32.const 0) (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (local.get $ret) (local.get $p))
    (i32.store offset=4 (local.get $ret) (local.get $n)))
;; A Uint8Array argument the module owns (js_sys::Uint8Array): its length, then its bytes copied into a new
  ;; block (Uint8Array.prototype.set.call over guest memory), summed.
  (func (export "js_sum") (param $h i32) (result i32)
    (local $n i32) (local $p i32) (local $i i32) (local $sum i32)
    (local.set $n (call $length (local.get $h)))
    (local.set $p (call $malloc (local.get $n)))
    (call $copy_to_guest (local.get $p) (local.get $n) (local.get $h))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (call $free (local.get $p) (local.get $n))
    (call $drop_ref (local.get $h))
    (local.get $sum))

  ;; A Uint8Array lent for the call (&Uint8Array): its length.
  (func (export "js_borrowed_length") (param $h i32) (result i32)
    (call $length (local.get $h)))

  ;; A new Uint8Array of n bytes (i * 3) built as js-sys builds one from a slice (a view of guest memory copied
  ;; into a new array), then its subarray from index 1: a JavaScript value result.
  (func (export "js_make") (param $n i32) (result i32)
    (local $p i32) (local $i i32) (local $mem i32) (local $buf i32) (local $view i32) (local $array i32) (local $sub i32)
    (local.set $p (call $malloc (local.get $n)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $p) (local.get $i)) (i32.mul (local.get $i) (i32.const 3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $mem (call $js_memory))
    (local.set $buf (call $buffer (local.get $mem)))
    (local.set $view (call $view (local.get $buf) (local.get $p) (local.get $n)))
    (local.set $array (call $new_with_length (local.get $n)))
    (call $set (local.get $array) (local.get $view) (i32.const 0))
    (call $drop_ref (local.get $view))
    (call $drop_ref (local.get $buf))
    (call $drop_ref (local.get $mem))
    (call $free (local.get $p) (local.get $n))
    (local.set $sub (call $subarray (local.get $array) (i32.const 1) (local.get $n)))
    (call $drop_ref (local.get $array))
    (local.get $sub))
;; An import whose JavaScript (performance.now()) Bindgen does not implement: the user supplies it.
  (func (export "stamp") (result f64)
    (call $now))
;; A 4-byte array set into a 2-byte one through an import wrapped in handleError: the RangeError comes back
  ;; through __wbindgen_exn_store, and is returned as a JavaScript value.
  (func (export "set_out_of_range") (result i32)
    (local $small i32) (local $large i32)
    (local.set $small (call $new_with_length (i32.const 2)))
    (local.set $large (call $new_with_length (i32.const 4)))
    (global.set $exception (i32.const 0))
    (call $set_catching (local.get $small) (local.get $large) (i32.const 0))
    (call $drop_ref (local.get $small))
    (call $drop_ref (local.get $large))
    (global.get $exception))
  ;; Optional numbers as results, in the glue's three forms: Option<u32> as an f64 (none 2^32 + 1), Option<u8> as an
  ;; i32 (none 0xFFFFFF), Option<f64> and Option<i64> as a flag and a value (multi-value). None when the argument is 0.
  (func (export "opt_u32") (param $x i32) (result f64)
    (if (result f64) (i32.eqz (local.get $x))
      (then (f64.const 4294967297))
      (else (f64.convert_i32_u (i32.mul (local.get $x) (i32.const -1))))))
  (func (export "opt_u8") (param $x i32) (result i32)
    (if (result i32) (i32.eqz (local.get $x))
      (then (i32.const 0xFFFFFF))
      (else (i32.and (i32.add (local.get $x) (i32.const 200)) (i32.const 255)))))
  (func (export "opt_f64") (param $x f64) (result i32 f64)
    (if (result i32 f64) (f64.eq (local.get $x) (f64.const 0))
      (then (i32.const 0) (f64.const 0))
      (else (i32.const 1) (f64.div (local.get $x) (f64.const 4)))))
  (func (export "opt_i64") (param $x i64) (result i32 i64)
    (if (result i32 i64) (i64.eqz (local.get $x))
      (then (i32.const 0) (i64.const 0))
      (else (i32.const 1) (i64.mul (local.get $x) (i64.const -3000000000)))))
)
