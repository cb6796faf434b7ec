;; The core module of hostres.component.wasm (hostres.wit): it imports the host's blob resource (constructor,
;; methods, static, resource-drop) and defines its own tally resource, whose values live in 8-byte slots of linear
;; memory (value, next free slot); a tally's representation is its slot number. The handle of the blob the
;; component keeps is in $kept.
(module
  (import "local:hostres/host@1.0.0" "[constructor]blob" (func $blob_new (param i32) (result i32)))
  (import "local:hostres/host@1.0.0" "[method]blob.get" (func $blob_get (param i32) (result i32)))
  (import "local:hostres/host@1.0.0" "[method]blob.add" (func $blob_add (param i32 i32)))
  (import "local:hostres/host@1.0.0" "[method]blob.absorb" (func $blob_absorb (param i32 i32) (result i32)))
  (import "local:hostres/host@1.0.0" "[method]blob.take" (func $blob_take (param i32 i32) (result i32)))
  (import "local:hostres/host@1.0.0" "[static]blob.make" (func $blob_make (param i32) (result i32)))
  (import "local:hostres/host@1.0.0" "[resource-drop]blob" (func $blob_drop (param i32)))
  (import "$root" "[constructor]ticket" (func $ticket_new (param i32) (result i32)))
  (import "$root" "[method]ticket.number" (func $ticket_number (param i32) (result i32)))
  (import "$root" "[resource-drop]ticket" (func $ticket_drop (param i32)))
  (import "[export]local:hostres/app@1.0.0" "[resource-new]tally" (func $tally_new (param i32) (result i32)))
  (import "[export]local:hostres/app@1.0.0" "[resource-rep]tally" (func $tally_rep (param i32) (result i32)))
  (import "[export]local:hostres/app@1.0.0" "[resource-drop]tally" (func $tally_drop (param i32)))
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 80000))
  (global $free (mut i32) (i32.const 0))
  (global $fresh (mut i32) (i32.const 1))
  (global $live (mut i32) (i32.const 0))
  (global $kept (mut i32) (i32.const 0))

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

  ;; Adds `n` to tally `rep`; returns the new total.
  (func $bump (param $rep i32) (param $n i32) (result i32)
    (local $at i32)
    (local.set $at (i32.shl (local.get $rep) (i32.const 3)))
    (i32.store (local.get $at) (i32.add (i32.load (local.get $at)) (local.get $n)))
    (i32.load (local.get $at)))

  (func (export "local:hostres/app@1.0.0#[constructor]tally") (param $start i32) (result i32)
    (call $tally_new (call $alloc (local.get $start))))

  (func (export "local:hostres/app@1.0.0#[static]tally.make") (param $start i32) (result i32)
    (call $tally_new (call $alloc (local.get $start))))

  (func (export "local:hostres/app@1.0.0#[method]tally.total") (param $self i32) (result i32)
    (i32.load (i32.shl (local.get $self) (i32.const 3))))

  (func (export "local:hostres/app@1.0.0#[method]tally.feed") (param $self i32) (param $b i32) (result i32)
    (local $total i32)
    (local.set $total (call $bump (local.get $self) (call $blob_get (local.get $b))))
    (call $blob_drop (local.get $b))
    (local.get $total))

  (func (export "local:hostres/app@1.0.0#[method]tally.eat") (param $self i32) (param $b i32) (result i32)
    (local $total i32)
    (local.set $total (call $bump (local.get $self) (call $blob_get (local.get $b))))
    (call $blob_drop (local.get $b))
    (local.get $total))

  (func (export "local:hostres/app@1.0.0#[dtor]tally") (param $rep i32)
    (i32.store offset=4 (i32.shl (local.get $rep) (i32.const 3)) (global.get $free))
    (global.set $free (local.get $rep))
    (global.set $live (i32.sub (global.get $live) (i32.const 1))))

  (func (export "local:hostres/app@1.0.0#cycle") (param $n i32) (result i32)
    (local $h i32)
    (local $value i32)
    (local.set $h (call $blob_new (local.get $n)))
    (call $blob_add (local.get $h) (i32.const 1))
    (local.set $value (call $blob_get (local.get $h)))
    (call $blob_drop (local.get $h))
    (local.get $value))

  (func (export "local:hostres/app@1.0.0#peek") (param $b i32) (result i32)
    (local $value i32)
    (local.set $value (call $blob_get (local.get $b)))
    (call $blob_drop (local.get $b))
    (local.get $value))

  (func (export "local:hostres/app@1.0.0#leak-borrow") (param $b i32) (result i32)
    (call $blob_get (local.get $b)))

  (func (export "local:hostres/app@1.0.0#keep") (param $b i32)
    (global.set $kept (local.get $b)))

  (func (export "local:hostres/app@1.0.0#give-back") (result i32)
    (local $h i32)
    (local.set $h (global.get $kept))
    (global.set $kept (i32.const 0))
    (local.get $h))

  (func (export "local:hostres/app@1.0.0#drop-kept")
    (call $blob_drop (global.get $kept)))

  (func (export "local:hostres/app@1.0.0#merge-kept") (param $b i32) (result i32)
    (local $value i32)
    (local.set $value (call $blob_absorb (global.get $kept) (local.get $b)))
    (call $blob_drop (local.get $b))
    (local.get $value))

  (func (export "local:hostres/app@1.0.0#donate") (param $gift i32) (result i32)
    (call $blob_take (global.get $kept) (local.get $gift)))

  (func (export "local:hostres/app@1.0.0#fresh") (param $n i32) (result i32)
    (call $blob_make (local.get $n)))

  (func (export "local:hostres/app@1.0.0#self-take") (result i32)
    (call $blob_take (global.get $kept) (global.get $kept)))

  (func (export "local:hostres/app@1.0.0#wrong-type") (result i32)
    (call $blob_get (call $tally_new (call $alloc (i32.const 0)))))

  (func (export "local:hostres/app@1.0.0#use-dropped") (result i32)
    (call $blob_get (global.get $kept)))

  (func (export "local:hostres/app@1.0.0#live") (result i32) (global.get $live))

  ;; A bump allocator past the tally slots (the first page) and the result areas: nothing is freed.
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $at) (local.get $size)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1))) (i32.const -1)) (then unreachable))))
    (local.get $at))

  (func (export "local:hostres/app@1.0.0#keep-maybe") (param $some i32) (param $b i32) (result i32)
    (if (local.get $some) (then (global.set $kept (local.get $b))))
    (local.get $some))

  ;; option<blob> at 70000: discriminant (u8), handle (u32 at +4).
  (func (export "local:hostres/app@1.0.0#kept-maybe") (result i32)
    (i32.store8 (i32.const 70000) (i32.ne (global.get $kept) (i32.const 0)))
    (i32.store (i32.const 70004) (global.get $kept))
    (global.set $kept (i32.const 0))
    (i32.const 70000))

  (func (export "local:hostres/app@1.0.0#lent-value") (param $b i32) (param $n i32) (result i32)
    (local $value i32)
    (local.set $value (i32.add (call $blob_get (local.get $b)) (local.get $n)))
    (call $blob_drop (local.get $b))
    (local.get $value))

  (func (export "local:hostres/app@1.0.0#sum") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32)
    (local $h i32)
    (local $total i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $h (i32.load (i32.add (local.get $ptr) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $total (i32.add (local.get $total) (call $blob_get (local.get $h))))
        (call $blob_drop (local.get $h))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $total))

  ;; list<blob> at 65536: (pointer, length), the handles from 65544 (at most 1000).
  (func (export "local:hostres/app@1.0.0#spawn") (param $n i32) (result i32)
    (local $i i32)
    (if (i32.gt_u (local.get $n) (i32.const 1000)) (then unreachable))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.add (i32.const 65544) (i32.shl (local.get $i) (i32.const 2))) (call $blob_new (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (i32.const 65536) (i32.const 65544))
    (i32.store (i32.const 65540) (local.get $n))
    (i32.const 65536))

  (func (export "ticket-round") (param $n i32) (result i32)
    (local $t i32)
    (local $value i32)
    (local.set $t (call $ticket_new (local.get $n)))
    (local.set $value (call $ticket_number (local.get $t)))
    (call $ticket_drop (local.get $t))
    (local.get $value))

  (func (export "ticket-number") (param $t i32) (result i32)
    (local $value i32)
    (local.set $value (call $ticket_number (local.get $t)))
    (call $ticket_drop (local.get $t))
    (local.get $value)))
