;; What Bindgen reports instead of binding: an imported resource (Bindgen binds the resources a component exports,
;; not yet those it imports) and an async function type. (Its lift with the UTF-16 string encoding is bound.)
(component
  (import "host" (instance (export "r" (type (sub resource)))))
  (core module $m
    (memory (export "memory") 1)
    (func (export "f") (param i32 i32) (result i32) i32.const 0)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
  (core instance $mi (instantiate $m))
  (type $async (func async (param "x" u32)))
  (func $f (param "s" string) (result u32)
    (canon lift (core func $mi "f") (memory (core memory $mi "memory")) (realloc (core func $mi "realloc")) string-encoding=utf16))
  (export "f" (func $f)))
