;; no_allocator.wasm: exports memory and a scalar function but no
;; malloc/free. Scalar-only bindings work; a binding that needs the
;; allocator must report the missing export.
(module
  (memory (export "memory") 1)

  (func (export "add_i32") (param $a i32) (param $b i32) (result i32)
    (i32.add (local.get $a) (local.get $b)))
)
