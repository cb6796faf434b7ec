;; A component that calls wasi:cli/exit from an export (Bindgen's WASI host tier is the only one that runs it on
;; core Wasmtime: the main module imports WASI 0.2 directly). quit(100) returns 7 without exiting; quit(0) exits
;; with ok, any other value with err. The tests compare the exit status with Wasmtime.Components + AddWasiPreview2.
(component
  (import "wasi:cli/exit@0.2.0" (instance $exit
    (export "exit" (func (param "status" (result))))
  ))
  (alias export $exit "exit" (func $exit-f))
  (core func $exit-lowered (canon lower (func $exit-f)))
  (core module $main
    (import "wasi:cli/exit@0.2.0" "exit" (func $exit (param i32)))
    (func (export "quit") (param i32) (result i32)
      (if (result i32) (i32.eq (local.get 0) (i32.const 100))
        (then (i32.const 7))
        (else
          (call $exit (i32.ne (local.get 0) (i32.const 0)))
          (i32.const 0)))))
  (core instance $exits (export "exit" (func $exit-lowered)))
  (core instance $i (instantiate $main (with "wasi:cli/exit@0.2.0" (instance $exits))))
  (func (export "quit") (param "code" u32) (result u32) (canon lift (core func $i "quit")))
)
