;; A package in wasm-bindgen's shape (Node target: glue wbshapes.js, declarations wbshapes.d.ts) for what no pinned
;; npm package exercises: JavaScript functions whose .d.ts gives their type (called with converted arguments, one
;; returning a number, one returning a Promise the module hands back), a js_sys::Map argument walked by its
;; entries() iterator as serde-wasm-bindgen walks one, and a string enum (__wbindgen_enum_Mode). malloc grows memory
;; on every call, so under the relocating engine configuration every allocation moves it.
;; Built by build.sh (wat2wasm) into wbshapes_bg.wasm, which is committed.
(module
  (import "__wbindgen_placeholder__" "__wbindgen_string_new" (func $string_new (param i32 i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbindgen_number_new" (func $number_new (param f64) (result i32)))
  (import "__wbindgen_placeholder__" "__wbindgen_object_drop_ref" (func $drop (param i32)))
  (import "__wbindgen_placeholder__" "__wbindgen_number_get" (func $number_get (param i32 i32)))
  (import "__wbindgen_placeholder__" "__wbindgen_string_get" (func $string_get (param i32 i32)))
  (import "__wbindgen_placeholder__" "__wbindgen_throw" (func $throw (param i32 i32)))
  (import "__wbindgen_placeholder__" "__wbg_call_a0" (func $call0 (param i32 i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_call_a1" (func $call1 (param i32 i32 i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_call_a2" (func $call2 (param i32 i32 i32 i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_instanceof_Map_b0" (func $is_map (param i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_entries_b1" (func $entries (param i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_next_b2" (func $next (param i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_done_b3" (func $done (param i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_value_b4" (func $value (param i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_get_b5" (func $get_index (param i32 i32) (result i32)))
  (import "__wbindgen_placeholder__" "__wbg_get_b6" (func $map_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $next_free (mut i32) (i32.const 1024))
  ;; JavaScript's undefined in the glue's heap (the first of the reserved constants).
  (global $undefined i32 (i32.const 128))
  (data (i32.const 64) "not a Map")

  (func $malloc (export "__wbindgen_malloc") (param $size i32) (param $align i32) (result i32)
    (local $p i32)
    (drop (memory.grow (i32.add (i32.shr_u (local.get $size) (i32.const 16)) (i32.const 1))))
    (local.set $p (i32.and (i32.add (global.get $next_free) (i32.const 7)) (i32.const -8)))
    (global.set $next_free (i32.add (local.get $p) (local.get $size)))
    (local.get $p))

  (func (export "__wbindgen_realloc") (param $old i32) (param $old_size i32) (param $size i32) (param $align i32) (result i32)
    (local $p i32)
    (local.set $p (call $malloc (local.get $size) (local.get $align)))
    (memory.copy (local.get $p) (local.get $old) (select (local.get $old_size) (local.get $size) (i32.lt_u (local.get $old_size) (local.get $size))))
    (local.get $p))

  (func (export "__wbindgen_free") (param i32 i32 i32))

  ;; The number a value holds, NaN when it is not a number (number_get's flag at 8, value at 16).
  (func $number_of (param $v i32) (result f64)
    (call $number_get (i32.const 8) (local.get $v))
    (if (result f64) (i32.load (i32.const 8)) (then (f64.load (i32.const 16))) (else (f64.const nan))))

  ;; repeat(text, times, f): f(text, i) for i in 0..times.
  (func (export "repeat") (param $ptr i32) (param $len i32) (param $times i32) (param $f i32)
    (local $text i32) (local $i i32) (local $n i32)
    (local.set $text (call $string_new (local.get $ptr) (local.get $len)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_s (local.get $i) (local.get $times)))
        (local.set $n (call $number_new (f64.convert_i32_s (local.get $i))))
        (call $drop (call $call2 (local.get $f) (global.get $undefined) (local.get $text) (local.get $n)))
        (call $drop (local.get $n))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (call $drop (local.get $text)))

  ;; apply(x, f): f(x) + 1 (NaN when f returns no number).
  (func (export "apply") (param $x f64) (param $f i32) (result f64)
    (local $arg i32) (local $ret i32) (local $value f64)
    (local.set $arg (call $number_new (local.get $x)))
    (local.set $ret (call $call1 (local.get $f) (global.get $undefined) (local.get $arg)))
    (call $drop (local.get $arg))
    (local.set $value (call $number_of (local.get $ret)))
    (call $drop (local.get $ret))
    (f64.add (local.get $value) (f64.const 1)))

  ;; forward(f): f()'s result (a Promise), handed back; the module owns f.
  (func (export "forward") (param $f i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $call0 (local.get $f) (global.get $undefined)))
    (call $drop (local.get $f))
    (local.get $ret))

  ;; weigh(m): the sum over m's entries, in iteration order, of (UTF-8 length of the key) * value * (position + 1).
  (func (export "weigh") (param $m i32) (result f64)
    (local $iter i32) (local $step i32) (local $entry i32) (local $key i32) (local $v i32) (local $sum f64) (local $pos i32)
    (if (i32.eqz (call $is_map (local.get $m))) (then (call $throw (i32.const 64) (i32.const 9))))
    (local.set $iter (call $entries (local.get $m)))
    (block $end
      (loop $each
        (local.set $step (call $next (local.get $iter)))
        (if (call $done (local.get $step)) (then (call $drop (local.get $step)) (br $end)))
        (local.set $entry (call $value (local.get $step)))
        (call $drop (local.get $step))
        (local.set $key (call $get_index (local.get $entry) (i32.const 0)))
        (local.set $v (call $get_index (local.get $entry) (i32.const 1)))
        (call $string_get (i32.const 24) (local.get $key))
        (local.set $pos (i32.add (local.get $pos) (i32.const 1)))
        (local.set $sum (f64.add (local.get $sum)
          (f64.mul (f64.mul (f64.convert_i32_u (i32.load (i32.const 28))) (call $number_of (local.get $v))) (f64.convert_i32_s (local.get $pos)))))
        (call $drop (local.get $key))
        (call $drop (local.get $v))
        (call $drop (local.get $entry))
        (br $each)))
    (call $drop (local.get $iter))
    (local.get $sum))

  ;; lookup(m, key): m.get(key) as a number (NaN when absent).
  (func (export "lookup") (param $m i32) (param $ptr i32) (param $len i32) (result f64)
    (local $key i32) (local $v i32) (local $result f64)
    (local.set $key (call $string_new (local.get $ptr) (local.get $len)))
    (local.set $v (call $map_get (local.get $m) (local.get $key)))
    (local.set $result (call $number_of (local.get $v)))
    (call $drop (local.get $v))
    (call $drop (local.get $key))
    (local.get $result))

  ;; pick(mode, x): fast -> x, slow -> 2x, exact -> 3x; an invalid mode (the glue passes 3) -> -1.
  (func (export "pick") (param $mode i32) (param $x f64) (result f64)
    (if (result f64) (i32.ge_u (local.get $mode) (i32.const 3))
      (then (f64.const -1))
      (else (f64.mul (local.get $x) (f64.convert_i32_u (i32.add (local.get $mode) (i32.const 1)))))))

  ;; next_mode(mode): the next mode, cyclically.
  (func (export "next_mode") (param $mode i32) (result i32)
    (i32.rem_u (i32.add (local.get $mode) (i32.const 1)) (i32.const 3)))
)
