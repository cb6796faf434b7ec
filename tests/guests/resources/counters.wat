;; The core module of resources.component.wasm (counters.wit): counters live in 8-byte slots of linear memory
;; (value, next free slot; the first page); a counter's representation is its slot number. Results that go through
;; memory are written from 65536, and lists the host passes are allocated from 80000 by a bump allocator. The resource built-ins are the
;; component's, imported as wit-component names them.
(module
  (import "[export]local:resources/counters@1.0.0" "[resource-new]counter" (func $resource_new (param i32) (result i32)))
  (import "[export]local:resources/counters@1.0.0" "[resource-rep]counter" (func $resource_rep (param i32) (result i32)))
  (import "[export]local:resources/counters@1.0.0" "[resource-drop]counter" (func $resource_drop (param i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 80000))
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
    (call $resource_drop (local.get $handle)))

  ;; A bump allocator past the slots and the result areas: nothing is freed (the memory grows as needed).
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $at) (local.get $size)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1))) (i32.const -1)) (then unreachable))))
    (local.get $at))

  ;; Owning handles: each one's value, then its drop (the destructor runs).
  (func (export "local:resources/counters@1.0.0#consume-all") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32)
    (local $h i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $h (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $total (i32.add (local.get $total) (call $value (call $resource_rep (local.get $h)))))
        (call $resource_drop (local.get $h))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $total))

  ;; Borrows of the component's own resource arrive as representations.
  (func (export "local:resources/counters@1.0.0#peek-all") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $total (i32.add (local.get $total) (call $value (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $total))

  ;; list<counter> at 65536: (pointer, length), the handles from 65544 (at most 1000).
  (func (export "local:resources/counters@1.0.0#make-many") (param $n i32) (param $start i32) (result i32)
    (local $i i32)
    (if (i32.gt_u (local.get $n) (i32.const 1000)) (then unreachable))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.add (i32.const 65544) (i32.shl (local.get $i) (i32.const 2)))
          (call $resource_new (call $alloc (i32.add (local.get $start) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 65536) (i32.const 65544))
    (i32.store (i32.const 65540) (local.get $n))
    (i32.const 65536))

  (func (export "local:resources/counters@1.0.0#peek-maybe") (param $some i32) (param $rep i32) (result i64)
    (if (result i64) (local.get $some)
      (then (i64.extend_i32_u (call $value (local.get $rep))))
      (else (i64.const -1))))

  (func (export "local:resources/counters@1.0.0#open-labelled") (param $label i32) (param $h i32) (result i32)
    (local $result i32)
    (local.set $result (i32.add (i32.mul (local.get $label) (i32.const 1000)) (call $value (call $resource_rep (local.get $h)))))
    (call $resource_drop (local.get $h))
    (local.get $result))

  ;; labelled at 70000: label (u32), handle (u32 at +4).
  (func (export "local:resources/counters@1.0.0#make-labelled") (param $label i32) (param $start i32) (result i32)
    (i32.store (i32.const 70000) (local.get $label))
    (i32.store (i32.const 70004) (call $resource_new (call $alloc (local.get $start))))
    (i32.const 70000)))
