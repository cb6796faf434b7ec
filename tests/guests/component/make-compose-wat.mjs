// Writes wat/compose.wat: a composition in the shape `wac` and `wasm-tools compose` give (nested components, one
// component's lifted exports lowered into another's imports), with a callee and a caller component for each string
// encoding of the canonical ABI, so every pair of encodings meets. The callee keeps what it is given (strings,
// lists, records point into its own memory) and reports raw code-unit counts; the caller passes everything through
// its own memory. Nothing here transcodes: the host (Wasmtime's fused adapters, or Bindgen's glue) does.
//   package local:compose@0.1.0;
//   interface text {          // exported by each callee as text-<encoding>
//     record person { name: string, tags: list<string>, age: u32 }
//     echo: func(s: string) -> string;
//     units: func(s: string) -> u32;             // the length the callee received, tag bit included
//     echo-list: func(items: list<string>) -> list<string>;
//     echo-person: func(p: person) -> person;
//     broken: func(kind: u32) -> string;         // malformed strings (see the data segment)
//   }
//   interface <caller>-to-<callee> { use text.{person}; the same functions, through the caller }
// Usage: node make-compose-wat.mjs <out.wat> [callers callees], the encodings of each side as utf8,utf16,latin1
// (all three by default; compose_pair.wat, for the generator's snapshot, has a latin1+utf16 caller and a utf16 callee).
import { writeFile } from 'node:fs/promises';

const encodings = { utf8: 'utf8', utf16: 'utf16', latin1: 'latin1+utf16' };
const [out, callerList = 'utf8,utf16,latin1', calleeList = 'utf8,utf16,latin1'] = process.argv.slice(2);
const callers = callerList.split(',');
const callees = calleeList.split(',');

// A bump allocator that grows memory; a shrink keeps the block, a growth copies it (Wasmtime's adapters shrink an
// over-allocated string block with a second call).
const realloc = `
    (func $realloc (export "cabi_realloc") (param i32 i32 i32 i32) (result i32)
      (local $at i32) (local $end i32)
      (if (i32.and (i32.ne (local.get 0) (i32.const 0)) (i32.le_u (local.get 3) (local.get 1)))
        (then (return (local.get 0))))
      global.get $next local.get 2 i32.add i32.const 1 i32.sub i32.const 0 local.get 2 i32.sub i32.and local.set $at
      local.get $at local.get 3 i32.add local.set $end
      (block $fits
        local.get $end memory.size i32.const 16 i32.shl i32.le_u br_if $fits
        local.get $end i32.const 65535 i32.add i32.const 16 i32.shr_u memory.size i32.sub memory.grow i32.const -1 i32.ne br_if $fits
        unreachable)
      local.get $end global.set $next
      (if (i32.ne (local.get 0) (i32.const 0))
        (then (memory.copy (local.get $at) (local.get 0) (local.get 1))))
      local.get $at)`;

// (pointer, length) pairs that broken(kind) returns: a lone high surrogate; a high surrogate before 'A'; out of
// bounds; misaligned; the first two with latin1+utf16's UTF-16 tag.
const brokenPairs = [[256, 1], [256, 2], [0xfffffff0, 4], [257, 1], [256, 0x80000001], [256, 0x80000002]];
const le32 = (v) => [0, 8, 16, 24].map((s) => '\\' + ((v >>> s) & 0xff).toString(16).padStart(2, '0')).join('');
const brokenData = brokenPairs.map(([p, n]) => le32(p) + le32(n)).join('');

const calleeCore = `
  (core module $callee_core
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))${realloc}
    (data (i32.const 256) "\\00\\d8\\41\\00")
    (data (i32.const 512) "${brokenData}")
    (func (export "echo") (param i32 i32) (result i32)
      i32.const 16 local.get 0 i32.store i32.const 20 local.get 1 i32.store i32.const 16)
    (func (export "units") (param i32 i32) (result i32) local.get 1)
    (func (export "echo-list") (param i32 i32) (result i32)
      i32.const 16 local.get 0 i32.store i32.const 20 local.get 1 i32.store i32.const 16)
    (func (export "echo-person") (param i32 i32 i32 i32 i32) (result i32)
      i32.const 16 local.get 0 i32.store i32.const 20 local.get 1 i32.store
      i32.const 24 local.get 2 i32.store i32.const 28 local.get 3 i32.store
      i32.const 32 local.get 4 i32.store i32.const 16)
    (func (export "broken") (param i32) (result i32)
      local.get 0 i32.const 8 i32.mul i32.const 512 i32.add))`;

const callerCore = `
  (core module $caller_alloc
    (memory (export "memory") 1)
    (global $next (mut i32) (i32.const 1024))${realloc})
  (core module $caller_main
    (import "text" "echo" (func $echo (param i32 i32 i32)))
    (import "text" "units" (func $units (param i32 i32) (result i32)))
    (import "text" "echo-list" (func $echo_list (param i32 i32 i32)))
    (import "text" "echo-person" (func $echo_person (param i32 i32 i32 i32 i32 i32)))
    (import "text" "broken" (func $broken (param i32 i32)))
    (func (export "echo") (param i32 i32) (result i32) local.get 0 local.get 1 i32.const 64 call $echo i32.const 64)
    (func (export "units") (param i32 i32) (result i32) local.get 0 local.get 1 call $units)
    (func (export "echo-list") (param i32 i32) (result i32) local.get 0 local.get 1 i32.const 64 call $echo_list i32.const 64)
    (func (export "echo-person") (param i32 i32 i32 i32 i32) (result i32)
      local.get 0 local.get 1 local.get 2 local.get 3 local.get 4 i32.const 64 call $echo_person i32.const 64)
    (func (export "broken") (param i32) (result i32) local.get 0 i32.const 64 call $broken i32.const 64))`;

const functions = ['echo', 'units', 'echo-list', 'echo-person', 'broken'];
const funcTypes = `
    (type $echo_t (func (param "s" string) (result string)))
    (type $units_t (func (param "s" string) (result u32)))
    (type $list_t (func (param "items" (list string)) (result (list string))))
    (type $person_t (func (param "p" $person) (result $person)))
    (type $broken_t (func (param "kind" u32) (result string)))`;
const typeOf = { echo: '$echo_t', units: '$units_t', 'echo-list': '$list_t', 'echo-person': '$person_t', broken: '$broken_t' };
const instanceExports = (prefix) => `(instance $out
      (export "person" (type $person))
${functions.map((f) => `      (export "${f}" (func ${prefix}${f.replace('-', '_')}))`).join('\n')})`;

function callee(name, encoding) {
  const options = `(memory (core memory $c "memory")) (realloc (core func $c "cabi_realloc")) string-encoding=${encoding}`;
  return `
  ;; The callee, lifting with string-encoding=${encoding}.
  (component $${name}
    (alias outer $root $callee_core (core module $core))
    (core instance $c (instantiate $core))
    (type $person_record (record (field "name" string) (field "tags" (list string)) (field "age" u32)))
    (export $person "person" (type $person_record))${funcTypes}
${functions.map((f) => `    (func $lifted_${f.replace('-', '_')} (type ${typeOf[f]}) (canon lift (core func $c "${f}") ${options}))`).join('\n')}
    ${instanceExports('$lifted_')}
    (export "local:compose/text@0.1.0" (instance $out)))`;
}

function caller(name, encoding) {
  const options = `(memory (core memory $a "memory")) (realloc (core func $a "cabi_realloc")) string-encoding=${encoding}`;
  return `
  ;; The caller, lowering and lifting with string-encoding=${encoding}.
  (component $${name}
    (type $text_t (instance
      (type $p (record (field "name" string) (field "tags" (list string)) (field "age" u32)))
      (export "person" (type $person (eq $p)))
      (export "echo" (func (param "s" string) (result string)))
      (export "units" (func (param "s" string) (result u32)))
      (export "echo-list" (func (param "items" (list string)) (result (list string))))
      (export "echo-person" (func (param "p" $person) (result $person)))
      (export "broken" (func (param "kind" u32) (result string)))))
    (import "local:compose/text@0.1.0" (instance $text (type $text_t)))
    (alias export $text "person" (type $person))${funcTypes}
    (alias outer $root $caller_alloc (core module $alloc))
    (alias outer $root $caller_main (core module $main))
    (core instance $a (instantiate $alloc))
${functions.map((f) => `    (alias export $text "${f}" (func $imported_${f.replace('-', '_')}))
    (core func $lowered_${f.replace('-', '_')} (canon lower (func $imported_${f.replace('-', '_')}) ${options}))`).join('\n')}
    (core instance $text_core
${functions.map((f) => `      (export "${f}" (func $lowered_${f.replace('-', '_')}))`).join('\n')})
    (core instance $m (instantiate $main (with "text" (instance $text_core))))
${functions.map((f) => `    (func $lifted_${f.replace('-', '_')} (type ${typeOf[f]}) (canon lift (core func $m "${f}") ${options}))`).join('\n')}
    ${instanceExports('$lifted_')}
    (export "local:compose/app@0.1.0" (instance $out)))`;
}

let text = `;; Generated by make-compose-wat.mjs; do not edit.
(component $root${calleeCore}${callerCore}`;
for (const name of callees) {
  text += callee(`callee_${name}`, encodings[name]);
}

for (const name of callers) {
  text += caller(`caller_${name}`, encodings[name]);
}

for (const name of callees) {
  text += `
  (instance $text_${name} (instantiate $callee_${name}))
  (alias export $text_${name} "local:compose/text@0.1.0" (instance $text_${name}_export))
  (export "local:compose/text-${name}@0.1.0" (instance $text_${name}_export))`;
}

for (const from of callers) {
  for (const to of callees) {
    text += `
  (instance $app_${from}_${to} (instantiate $caller_${from} (with "local:compose/text@0.1.0" (instance $text_${to}_export))))
  (alias export $app_${from}_${to} "local:compose/app@0.1.0" (instance $app_${from}_${to}_export))
  (export "local:compose/${from}-to-${to}@0.1.0" (instance $app_${from}_${to}_export))`;
  }
}

text += ')\n';
await writeFile(out, text);
