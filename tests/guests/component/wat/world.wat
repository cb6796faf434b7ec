;; World-level functions, no interfaces: the component imports `log` and `scale` and exports `run`, which logs a
;; fixed message and returns scale(x) + 1. The lowering of `log` reads its string from a memory that a separate core
;; instance defines and the main instance imports, so the memory exists before the lowering is made.
(component
  (import "log" (func $log (param "msg" string)))
  (import "scale" (func $scale (param "x" u32) (result u32)))
  (core module $mem
    (memory (export "memory") 1)
    (data (i32.const 16) "run called"))
  (core instance $mi (instantiate $mem))
  (alias core export $mi "memory" (core memory $memory))
  (core func $log_lowered (canon lower (func $log) (memory $memory)))
  (core func $scale_lowered (canon lower (func $scale)))
  (core instance $host
    (export "log" (func $log_lowered))
    (export "scale" (func $scale_lowered)))
  (core module $main
    (import "env" "memory" (memory 1))
    (import "host" "log" (func $log (param i32 i32)))
    (import "host" "scale" (func $scale (param i32) (result i32)))
    (func (export "run") (param i32) (result i32)
      i32.const 16
      i32.const 10
      call $log
      local.get 0
      call $scale
      i32.const 1
      i32.add))
  (core instance $main_i (instantiate $main (with "env" (instance $mi)) (with "host" (instance $host))))
  (func $run (param "x" u32) (result u32) (canon lift (core func $main_i "run")))
  (export "run" (func $run)))
