;; A package in wasm-bindgen's shape for arrays of JavaScript values (Vec<JsValue>, any[]) in a reference-types build:
;; each value is a slot of the externref table (__wbindgen_export_2) the glue fills through __externref_table_alloc,
;; the array of slots is allocated with __wbindgen_malloc. Every allocation grows memory by a page, so under the
;; relocating engine configuration every argument moves the memory before it is written.
(module
  (import "__wbindgen_placeholder__" "__wbindgen_is_string" (func $is_string (param externref) (result i32)))
  (import "__wbindgen_placeholder__" "__wbindgen_init_externref_table" (func $init_table))
  (memory (export "memory") 1)
  (table $values (export "__wbindgen_export_2") 0 externref)
  (global $heap (mut i32) (i32.const 1024))

  (func (export "__wbindgen_malloc") (param $size i32) (param $align i32) (result i32)
    (local $p i32)
    (drop (memory.grow (i32.const 1)))
    (local.set $p (global.get $heap))
    (global.set $heap (i32.add (local.get $p) (i32.and (i32.add (local.get $size) (i32.const 7)) (i32.const -8))))
    (local.get $p))

  (func (export "__externref_table_alloc") (result i32)
    (table.grow $values (ref.null extern) (i32.const 1)))

  (func (export "__externref_table_dealloc") (param $slot i32)
    (table.set $values (local.get $slot) (ref.null extern)))

  (func (export "__wbindgen_start") (call $init_table))

  ;; Counts the strings among the values and drops every slot (the Vec<JsValue> is dropped).
  (func $count (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $n i32) (local $slot i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $slot (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $n (i32.add (local.get $n) (call $is_string (table.get $values (local.get $slot)))))
        (table.set $values (local.get $slot) (ref.null extern))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $n))

  (func (export "count_strings") (param $ptr i32) (param $len i32) (result i32)
    (call $count (local.get $ptr) (local.get $len)))

  ;; Option<Vec<JsValue>>: a null pointer is None (-1).
  (func (export "count_or_none") (param $ptr i32) (param $len i32) (result i32)
    (if (result i32) (i32.eqz (local.get $ptr))
      (then (i32.const -1))
      (else (call $count (local.get $ptr) (local.get $len)))))

  ;; The index-th value, handed back by its slot (the glue's takeFromExternrefTable0); out of range panics.
  (func (export "nth") (param $ptr i32) (param $len i32) (param $index i32) (result i32)
    (if (i32.ge_u (local.get $index) (local.get $len)) (then unreachable))
    (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $index) (i32.const 2))))))
