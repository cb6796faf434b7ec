;; An emscripten-shaped module that imports its memory (2 pages, at most 10) and calls the runtime's emscripten imports
;; with pointers it should not pass, an import nothing provides, and a host import that reads the imported memory.
(module
  (import "env" "memory" (memory 2 10))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "env" "_localtime_js" (func $localtime (param i64 i32)))
  (import "env" "emscripten_resize_heap" (func $resize (param i32) (result i32)))
  (import "env" "_abort_js" (func $abort))
  (import "env" "mystery" (func $mystery (param i32) (result i32)))
  (import "host" "log" (func $log (param i32 i32)))
  (data (i32.const 64) "hi\0a")
  (data (i32.const 96) "hello from the guest")

  ;; fd_write(1, iov = {64, 3}, 1, &written): "hi\n" on standard output; returns errno, then what it wrote.
  (func (export "hello") (result i32)
    (i32.store (i32.const 16) (i32.const 64))
    (i32.store (i32.const 20) (i32.const 3))
    (drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32)))
    (i32.load (i32.const 32)))

  ;; The iovec array itself past the end of memory.
  (func (export "write_vectors_out_of_bounds") (result i32)
    (call $fd_write (i32.const 1) (i32.const 0xFFFFFFF0) (i32.const 1) (i32.const 32)))

  ;; An iovec in bounds whose buffer is not.
  (func (export "write_buffer_out_of_bounds") (result i32)
    (i32.store (i32.const 16) (i32.const 0x7FFFFFF0))
    (i32.store (i32.const 20) (i32.const 100))
    (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 32)))

  ;; struct tm (40 bytes) straddling the end of the two pages.
  (func (export "localtime_out_of_bounds")
    (call $localtime (i64.const 0) (i32.const 131060)))

  ;; localtime(86400 * 365) into a struct tm at 256; returns tm_year.
  (func (export "localtime_year") (result i32)
    (call $localtime (i64.const 31536000) (i32.const 256))
    (i32.load (i32.const 276)))

  (func (export "grow") (param i32) (result i32) (call $resize (local.get 0)))
  (func (export "pages") (result i32) (memory.size))
  (func (export "abort") (call $abort))
  (func (export "call_mystery") (result i32) (call $mystery (i32.const 7)))
  (func (export "log_hello") (call $log (i32.const 96) (i32.const 20))))
