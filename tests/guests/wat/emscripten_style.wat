;; emscripten_style.wasm: the shape of an emscripten build, written by hand: the
;; memory and allocator under minified export names (memory "c", malloc "f",
;; free "g"), a constructor export "d" that must run first, functions under
;; one-letter names, and the usual imports from "env": the heap grows only by
;; asking the host (emscripten_resize_heap), and _abort_js ends the program.
(module
  (import "env" "emscripten_resize_heap" (func $resize_heap (param i32) (result i32)))
  (import "env" "_abort_js" (func $abort))
  (memory (export "c") 1 1024)
  (global $next (mut i32) (i32.const 4096))
  (global $ready (mut i32) (i32.const 0))
  (global $live (mut i32) (i32.const 0))

  ;; the constructor (emscripten's __wasm_call_ctors, minified)
  (func (export "d") (global.set $ready (i32.const 1)))

  ;; malloc: a bump allocator that asks the host for more heap when it runs out
  (func $malloc (export "f") (param $size i32) (result i32)
    (local $start i32) (local $end i32)
    (local.set $start (i32.and (i32.add (global.get $next) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $start) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eqz (call $resize_heap (local.get $end)))
          (then (return (i32.const 0))))))
    (global.set $next (local.get $end))
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $start))

  ;; free
  (func (export "g") (param $ptr i32)
    (if (local.get $ptr)
      (then (global.set $live (i32.sub (global.get $live) (i32.const 1))))))

  ;; the wrapping sum of len bytes at ptr; aborts if the constructor has not run
  (func (export "h") (param $ptr i32) (param $len i32) (result i32)
    (local $i i32) (local $sum i32)
    (if (i32.eqz (global.get $ready)) (then (call $abort) (unreachable)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $len)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (i32.add (local.get $ptr) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $sum))

  ;; a new string of n letters 'a'..'z' repeating, through the return area
  (func (export "i") (param $n i32) (param $ret i32)
    (local $ptr i32) (local $i i32)
    (if (i32.eqz (local.get $n))
      (then (i64.store (local.get $ret) (i64.const 0)) (return)))
    (local.set $ptr (call $malloc (local.get $n)))
    (if (i32.eqz (local.get $ptr)) (then (unreachable)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store8 (i32.add (local.get $ptr) (local.get $i))
          (i32.add (i32.const 97) (i32.rem_u (local.get $i) (i32.const 26))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.store (local.get $ret) (local.get $ptr))
    (i32.store offset=4 (local.get $ret) (local.get $n)))

  (func (export "j") (result i32) (global.get $live))
)
