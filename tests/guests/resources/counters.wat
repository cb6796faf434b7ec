;; The core module of resources.component.wasm (counters.wit): counters live in 8-byte slots of linear memory
;; (value, next free slot); a counter's representation is its slot number. The resource built-ins are the
;; component's, imported as wit-component names them.
(module
  (import "[export]local:resources/counters@1.0.0" "[resource-new]counter" (func $resource_new (param i32) (result i32)))
  (import "[export]local:resources/counters@1.0.0" "[resource-rep]counter" (func $resource_rep (param i32) (result i32)))
  (import "[export]local:resources/counters@1.0.0" "[resource-drop]counter" (func $resource_drop (param i32)))
  (memory 1)
  (global $free (mut i32) (i32.const 0))
  (global $fresh (mut i32) (i32.const 1))
  (global $live (mut i32) (i32.const 0))
  (global $dropped (mut i32) (i32.const 0))
  (global $total (mut i32) (i32.const 0))

  ;; A free slot (reused first), holding `start`; traps past the one page of slots.
  (func $alloc (param $start i32) (result i32)
    (local $rep i32)
    (if (global.get $free)
      (then
        (local.set $rep (global.get $free))
        (global.set $free (i32.load offset=4 (i32.shl (local.get $rep) (i32.const 3)))))
      (else
        (local.set $rep (global.get $fresh))
        (if (i32.ge_u (local.get $rep) (i32.const 8192)) (then unreachable))
        (global.set $fresh (i32.add (local.get $rep) (i32.const 1)))))
    (i32.store (i32.shl (local.get $rep) (i32.const 3)) (local.get $start))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $rep))

  (func $value (param $rep i32) (result i32)
    (i32.load (i32.shl (local.get $rep) (i32.const 3))))

  (func (export "local:resources/counters@1.0.0#[constructor]counter") (param $start i32) (result i32)
    (call $resource_new (call $alloc (local.get $start))))

  (func (export "local:resources/counters@1.0.0#[static]counter.make") (param $start i32) (result i32)
    (call $resource_new (call $alloc (local.get $start))))

  (func (export "local:resources/counters@1.0.0#[method]counter.add") (param $self i32) (param $n i32) (result i32)
    (local $at i32)
    (local.set $at (i32.shl (local.get $self) (i32.const 3)))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (local.get $n)))
    (i32.load (local.get $at)))

  (func (export "local:resources/counters@1.0.0#[method]counter.get") (param $self i32) (result i32)
    (call $value (local.get $self)))

  (func (export "local:resources/counters@1.0.0#[method]counter.merge") (param $self i32) (param $other i32) (result i32)
    (local $at i32)
    (local.set $at (i32.shl (local.get $self) (i32.const 3)))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (call $value (local.get $other))))
    (i32.load (local.get $at)))

  (func (export "local:resources/counters@1.0.0#[dtor]counter") (param $rep i32)
    (i32.store offset=4 (i32.shl (local.get $rep) (i32.const 3)) (global.get $free))
    (global.set $free (local.get $rep))
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (global.set $dropped (i32.add (global.get $dropped) (i32.const 1))))

  (func (export "local:resources/counters@1.0.0#live") (result i32) (global.get $live))

  (func (export "local:resources/counters@1.0.0#dropped") (result i32) (global.get $dropped))

  (func (export "local:resources/counters@1.0.0#consume") (param $handle i32) (result i32)
    (local $result i32)
    (local.set $result (call $value (call $resource_rep (local.get $handle))))
    (call $resource_drop (local.get $handle))
    (local.get $result))

  (func (export "local:resources/counters@1.0.0#peek") (param $self i32) (result i32)
    (call $value (local.get $self)))

  (func (export "local:resources/counters@1.0.0#plain-add") (param $n i32) (result i32)
    (global.set $total (i32.add (global.get $total) (local.get $n)))
    (global.get $total))

  (func (export "local:resources/counters@1.0.0#forge") (result i32) (i32.const 999))

  (func (export "local:resources/counters@1.0.0#double-drop") (param $handle i32)
    (call $resource_drop (local.get $handle))
    (call $resource_drop (local.get $handle))))
