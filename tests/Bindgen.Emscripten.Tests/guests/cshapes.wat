;; The C shapes, as clang's wasm32 ABI lays them out: arrays of _Bool (one byte each), char16_t and enums, and a
;; struct with an array member:
;;   struct hash_state { uint32_t count; uint32_t state[8]; uint8_t tag; };   /* 40 bytes, 4-aligned */
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 4096))

  ;; A bump allocator: malloc(size) 8-aligned, free does nothing.
  (func (export "malloc") (param $size i32) (result i32)
    (local $at i32)
    (local.set $at (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $size)) (i32.const 7)) (i32.const -8)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then (drop (memory.grow (i32.add (i32.div_u (global.get $heap) (i32.const 65536)) (i32.const 1))))))
    (local.get $at))
  (func (export "free") (param i32))

  ;; size_t count_true(const bool *flags, size_t n)
  (func (export "count_true") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $c i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (if (i32.load8_u (i32.add (local.get $p) (local.get $i))) (then (local.set $c (i32.add (local.get $c) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $c))

  ;; void mark_thirds(bool *flags, size_t n): every third true, written as 7 (any non-zero byte is true)
  (func (export "mark_thirds") (param $p i32) (param $n i32)
    (local $i i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (i32.store8 (i32.add (local.get $p) (local.get $i)) (select (i32.const 7) (i32.const 0) (i32.eqz (i32.rem_u (local.get $i) (i32.const 3)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; uint32_t sum_chars(const char16_t *s, size_t n)
  (func (export "sum_chars") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i32.add (local.get $sum) (i32.load16_u (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))

  ;; void ascii_upper(char16_t *s, size_t n)
  (func (export "ascii_upper") (param $p i32) (param $n i32)
    (local $i i32) (local $at i32) (local $c i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 1))))
      (local.set $c (i32.load16_u (local.get $at)))
      (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
        (then (i32.store16 (local.get $at) (i32.sub (local.get $c) (i32.const 32)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; int weigh_colors(const enum color *c, size_t n): sum of value * (index + 1); enum color is an int
  (func (export "weigh_colors") (param $p i32) (param $n i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $sum (i32.add (local.get $sum)
        (i32.mul (i32.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 2)))) (i32.add (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (local.get $sum))

  ;; void levels_up(uint8_t *levels, size_t n): an enum over uint8_t, each raised by one
  (func (export "levels_up") (param $p i32) (param $n i32)
    (local $i i32) (local $at i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
      (local.set $at (i32.add (local.get $p) (local.get $i)))
      (i32.store8 (local.get $at) (i32.add (i32.load8_u (local.get $at)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))

  ;; void state_init(struct hash_state *s): count 8, state[i] = i * i + 1, tag 0x5A
  (func (export "state_init") (param $s i32)
    (local $i i32)
    (i32.store (local.get $s) (i32.const 8))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 8)))
      (i32.store (i32.add (i32.add (local.get $s) (i32.const 4)) (i32.shl (local.get $i) (i32.const 2)))
        (i32.add (i32.mul (local.get $i) (local.get $i)) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.store8 (i32.add (local.get $s) (i32.const 36)) (i32.const 0x5A)))

  ;; uint32_t state_digest(const struct hash_state *s): sum of state[i] * (i + 1), plus count, plus tag << 16
  (func (export "state_digest") (param $s i32) (result i32)
    (local $i i32) (local $sum i32)
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (i32.const 8)))
      (local.set $sum (i32.add (local.get $sum)
        (i32.mul (i32.load (i32.add (i32.add (local.get $s) (i32.const 4)) (i32.shl (local.get $i) (i32.const 2)))) (i32.add (local.get $i) (i32.const 1)))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next)))
    (i32.add (i32.add (local.get $sum) (i32.load (local.get $s))) (i32.shl (i32.load8_u (i32.add (local.get $s) (i32.const 36))) (i32.const 16))))

  ;; struct pair { int32_t q; int64_t r; } divmod(int64_t a, int64_t b), returned as two values (-mmultivalue)
  (func (export "divmod") (param $a i64) (param $b i64) (result i32 i64)
    (i32.wrap_i64 (i64.div_s (local.get $a) (local.get $b)))
    (i64.rem_s (local.get $a) (local.get $b))))
