;; custom_init.wasm: a module whose constructor export is not `_initialize`,
;; as with emscripten's minified names. Bindings name it with
;; [WasmModule(Initialize = "setup")].
;;
;; `answer` returns 42 only after `setup` has run; `init_count` says how many
;; times it ran. `setup_traps` is an initializer that traps. It also exports
;; an `_initialize` that must NOT run when another initializer is named: it
;; sets the answer to -1.
(module
  (memory (export "memory") 1)

  (global $answer (mut i32) (i32.const 0))
  (global $inits (mut i32) (i32.const 0))

  (func (export "setup")
    (global.set $answer (i32.const 42))
    (global.set $inits (i32.add (global.get $inits) (i32.const 1))))

  (func (export "_initialize")
    (global.set $answer (i32.const -1)))

  (func (export "setup_traps")
    unreachable)

  (func (export "answer") (result i32)
    (global.get $answer))

  (func (export "init_count") (result i32)
    (global.get $inits))
)
