;; A composition Bindgen refuses: the callee returns an own<counter> handle of a resource it defines, and the caller
;; component imports that function, so the handle would move from one component's table to the other's.
(component $root
  (component $callee
    (type $counter (resource (rep i32)))
    (core func $new (canon resource.new $counter))
    (core module $m
      (import "r" "new" (func $new (param i32) (result i32)))
      (func (export "make") (result i32) i32.const 42 call $new))
    (core instance $r (export "new" (func $new)))
    (core instance $i (instantiate $m (with "r" (instance $r))))
    (export $counter_export "counter" (type $counter))
    (type $make_t (func (result (own $counter_export))))
    (func $make (type $make_t) (canon lift (core func $i "make")))
    (instance $out
      (export "counter" (type $counter_export))
      (export "make" (func $make)))
    (export "local:handles/counters@0.1.0" (instance $out)))
  (component $caller
    (import "local:handles/counters@0.1.0" (instance $counters
      (export "counter" (type (sub resource)))
      (export "make" (func (result (own 0))))))
    (alias export $counters "make" (func $make))
    (core func $make_lowered (canon lower (func $make)))
    (core module $m
      (import "counters" "make" (func (result i32)))
      (func (export "run") (result i32) call 0))
    (core instance $shim (export "make" (func $make_lowered)))
    (core instance $i (instantiate $m (with "counters" (instance $shim))))
    (func $run (result u32) (canon lift (core func $i "run")))
    (export "run" (func $run)))
  (instance $callee_instance (instantiate $callee))
  (alias export $callee_instance "local:handles/counters@0.1.0" (instance $counters))
  (instance $caller_instance (instantiate $caller (with "local:handles/counters@0.1.0" (instance $counters))))
  (alias export $caller_instance "run" (func $run))
  (export "run" (func $run)))
