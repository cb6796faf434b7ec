// The reference host for the per-package report: runs each call through a package's own glue in Node.
// Input (stdin): { readBack, calls }, calls a JSON array of { pkg, fn, args }. fn is a free function or Class.member: Class.constructor, a static
// method, a method called on the first argument, "Class.get p" (a getter of the first argument) or "Class.set p".
// Arguments: numbers, { s } strings, { b: base64 } bytes, { big } BigInts, { ta: 'Uint32Array', v: [...] } typed
// arrays, { undef: true } undefined, null, { ref: i } the result of call i, { make: { pkg, fn, args, then } } an instance
// made for the call by another call (freed after it; then: calls made on it first, each { fn, args }), { obj: { k: v } } a
// plain object, { map: [[k, v]...] } a Map, { callback: true } a function that returns undefined, { callback: 'read' } one
// that reads back every instance it is given through the members readBack lists under "events:pkg:Class"
// (answer.callbacks), a JSON array an array.
// Output: per call { ok: { result, after } } (an async export's result: { promise: value }, a rejection as { error }) (after: each instance argument still alive, read back), { error } or
// { trap }. An instance reads back as { cls, get: { getter: value }, zero: { get_x: value } } (its getters, and its
// zero-argument methods named get_*, as the input's readBack lists them per package:Class), typed arrays as { ta, v }, BigInts as { big }, undefined as null.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
// A package's own logging (automerge's dump) goes to stderr: stdout carries the results.
console.log = console.info = console.debug = (...a) => console.error(...a);
const here = (path) => new URL(path, import.meta.url);
const oxipng = await import(here('./node_modules/@jsquash/oxipng/codec/pkg/squoosh_oxipng.js'));
oxipng.initSync(readFileSync(here('./node_modules/@jsquash/oxipng/codec/pkg/squoosh_oxipng_bg.wasm')));
const tomlEdit = await import(here('./node_modules/@rainbowatcher/toml-edit-js/index.js'));
tomlEdit.initSync({ module: readFileSync(here('./node_modules/@rainbowatcher/toml-edit-js/index_bg.wasm')) });
const packages = {
  snappy: require('./node_modules/snappy-wasm/cjs/snappy.js'),
  oxipng,
  sql: await import(here('./node_modules/@wasm-fmt/sql_fmt/sql_fmt_node.js')),
  jieba: require('./node_modules/jieba-wasm/pkg/nodejs/jieba_rs_wasm.js'),
  brotli: require('./node_modules/wasm-brotli/wasm_brotli_nodejs.js'),
  photon: require('./node_modules/@silvia-odwyer/photon-node/photon_rs.js'),
  tiktoken: require('./node_modules/@dqbd/tiktoken/tiktoken.cjs'),
  brotliwasm: require('./node_modules/brotli-wasm/pkg.node/brotli_wasm.js'),
  farmhash: require('./node_modules/farmhash-modern/bin/nodejs/farmhash_modern.js'),
  swc: require('./node_modules/@swc/wasm-typescript/wasm.js'),
  ywasm: require('./node_modules/ywasm/ywasm.js'),
  rollup: require('./node_modules/@rollup/wasm-node/dist/wasm-node/bindings_wasm.js'),
  toml: tomlEdit,
  rxing: await import(here('./node_modules/rxing-wasm/node-esm.js')),
  automerge: require('./node_modules/@automerge/automerge-wasm/nodejs/automerge_wasm.cjs'),
  // The glue, which requires the package's own JavaScript (snippets/): the functions LoroSnippets.cs ports.
  loro: require('./node_modules/loro-crdt/nodejs/loro_wasm.js'),
};

const results = [];
const values = [];
let made = [];
let currentPackage = '';
let callbackReads = [];

const typed = ['Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Float32Array', 'Float64Array'];
// A list decoded in order: { on: i, fn, args } calls fn on the i-th value already decoded in the same list.
function decodeAll(list) {
  const done = [];
  for (const a of list) done.push(decode(a, done));
  return done;
}

// Calls made on a new instance before it is used: each step's arguments decoded after the instance ({ on: 0 } is it);
// a step with steps of its own keeps its result (freed after the call) and runs them on it.
function runSteps(pkg, instance, made_) {
  for (const step of made_.then ?? []) {
    const done = [instance];
    for (const a of step.args) done.push(decode(a, done));
    const result = invoke(pkg, step.fn, done);
    if (step.then && isInstance(result)) {
      made.push(result);
      runSteps(pkg, result, step);
    }
  }
}

function decode(v, siblings = []) {
  if (typeof v !== 'object' || v === null) return v;
  if ('on' in v) {
    const instance = invoke(currentPackage, v.fn, [siblings[v.on], ...decodeAll(v.args)]);
    if (isInstance(instance)) made.push(instance);
    return instance;
  }
  if ('s' in v) return v.s;
  if ('b' in v) return new Uint8Array(Buffer.from(v.b, 'base64'));
  if ('big' in v) return BigInt(v.big);
  if ('undef' in v) return undefined;
  if ('ref' in v) return values[v.ref];
  if ('ta' in v) return new globalThis[v.ta](v.ta.startsWith('Big') ? v.v.map(BigInt) : v.v);
  // A function that reads every class instance it is given (ywasm's events, while they are valid), recorded with the call.
  if (v.callback === 'read') return (...args) => { callbackReads.push(args.map((a) => isInstance(a) ? readBack(a, 'events:') : encode(a))); };
  if ('callback' in v) return () => undefined;
  if (Array.isArray(v)) return v.map(decode);
  if ('map' in v) return new Map(v.map.map(([k, x]) => [decode(k), decode(x)]));
  if ('obj' in v) return Object.fromEntries(Object.entries(v.obj).map(([k, x]) => [k, decode(x)]));
  if ('make' in v) {
    const instance = invoke(v.make.pkg, v.make.fn, decodeAll(v.make.args));
    made.push(instance);
    runSteps(v.make.pkg, instance, v.make);
    return instance;
  }
  throw new Error('unknown argument ' + JSON.stringify(v));
}

// An instance of an exported class: its pointer is __wbg_ptr (0.2.8x and later) or ptr (before).
const pointer = (v) => '__wbg_ptr' in v ? v.__wbg_ptr : v.ptr;
function isInstance(v) {
  return typeof v === 'object' && v !== null && typeof v.free === 'function' && ('__wbg_ptr' in v || 'ptr' in v);
}

function encode(v) {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return { s: v };
  if (typeof v === 'bigint') return { big: v.toString() };
  if (v instanceof Uint8Array) return { b: Buffer.from(v).toString('base64') };
  const ta = typed.find((t) => v instanceof globalThis[t]);
  if (ta) return { ta, v: Array.from(v, (x) => typeof x === 'bigint' ? x.toString() : x) };
  if (Array.isArray(v)) return v.map(encode);
  if (v instanceof Map) return { map: Array.from(v, ([k, x]) => [encode(k), encode(x)]) };
  if (v instanceof Set) return { set: Array.from(v, encode) };
  if (v instanceof Date) return { date: v.getTime() };
  if (isInstance(v)) return readBack(v);
  if (typeof v === 'object') return { obj: Object.fromEntries(Object.entries(v).sort(([a], [b]) => a < b ? -1 : 1).map(([k, x]) => [k, encode(x)])) };
  return v;
}

// Reads an instance back through the members the input's readBack lists for its class ("pkg:Class"): "get p" reads
// getter p, a name calls that zero-argument method.
function readBack(instance, prefix = '') {
  const cls = Object.getPrototypeOf(instance).constructor.name;
  const get = {};
  const zero = {};
  for (const name of readBackMembers[prefix + currentPackage + ':' + cls] ?? readBackMembers[currentPackage + ':' + cls] ?? []) {
    if (name.startsWith('get ')) get[name.substring(4)] = attempt(() => encode(instance[name.substring(4)]));
    else zero[name] = attempt(() => encode(instance[name]()));
  }
  return { cls, get, zero };
}

function attempt(f) {
  try {
    return { ok: f() };
  } catch (e) {
    return e instanceof WebAssembly.RuntimeError ? { trap: true } : { error: e instanceof Error ? e.message : String(e) };
  }
}

function invoke(pkg, fn, args) {
  const lib = packages[pkg];
  if (!fn.includes('.')) return lib[fn](...args);
  const [cls, member] = [fn.substring(0, fn.indexOf('.')), fn.substring(fn.indexOf('.') + 1)];
  if (member === 'constructor') return new lib[cls](...args);
  if (member.startsWith('get ')) return args[0][member.substring(4)];
  if (member.startsWith('set ')) {
    args[0][member.substring(4)] = args[1];
    return undefined;
  }
  if (Object.prototype.hasOwnProperty.call(lib[cls], member) && typeof lib[cls][member] === 'function') return lib[cls][member](...args);
  return args[0][member](...args.slice(1));
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const readBackMembers = input.readBack;
for (const { pkg, fn, args } of input.calls) {
  made = [];
  callbackReads = [];
  currentPackage = pkg;
  let value;
  let answer = attempt(() => {
    const decoded = decodeAll(args);
    value = invoke(pkg, fn, decoded);
    if (value instanceof Promise) return value;
    if (isInstance(value)) made.push(value);
    const result = encode(value);
    const after = decoded.filter((a) => isInstance(a) && pointer(a) !== 0).map(readBack);
    return { result, after };
  });
  if (answer.ok instanceof Promise) {
    // An async export: its settled value (or its rejection, as a thrown error is reported).
    try {
      value = await answer.ok;
      answer = { ok: { result: { promise: encode(value) }, after: [] } };
    } catch (e) {
      answer = e instanceof WebAssembly.RuntimeError ? { trap: true } : { error: e instanceof Error ? e.message : String(e) };
    }
  }
  values.push(value);
  const freeErrors = [];
  for (const instance of made) {
    try {
      if (pointer(instance) !== 0) instance.free();
    } catch (e) {
      freeErrors.push(e instanceof WebAssembly.RuntimeError ? 'trap' : e.message);
    }
  }
  if (callbackReads.length > 0) answer = { ...answer, callbacks: callbackReads };
  results.push(freeErrors.length === 0 ? answer : { ...answer, free: freeErrors });
}

process.stdout.write(JSON.stringify(results));
