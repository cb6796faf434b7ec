;; What Bindgen reports instead of binding: a resource type with its resource.new built-in, a lift with the
;; UTF-16 string encoding, and an async function type.
(component
  (core module $m
    (memory (export "memory") 1)
    (func (export "f") (param i32 i32) (result i32) i32.const 0)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
  (core instance $mi (instantiate $m))
  (type $r (resource (rep i32)))
  (core func $new (canon resource.new $r))
  (type $async (func async (param "x" u32)))
  (func $f (param "s" string) (result u32)
    (canon lift (core func $mi "f") (memory (core memory $mi "memory")) (realloc (core func $mi "realloc")) string-encoding=utf16))
  (export "f" (func $f)))
