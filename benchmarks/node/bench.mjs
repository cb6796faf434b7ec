// The V8 anchor: the scenarios of benchmarks/Bindgen.Benchmarks run on bench.wasm in Node (V8),
// through JS glue written the way wasm-bindgen writes its glue, so that the .NET numbers have a
// reference point outside .NET. Driven by the .NET suite (`--v8`, see V8Anchor.cs), which starts
// `node bench.mjs <path to bench.wasm>` and talks to it one JSON line at a time on stdin/stdout:
//
//   {"op":"init","answers":[...]}            -> {"ok":true}
//   {"op":"setup","scenario":...,...inputs}   -> {"result":...}  one checked call, compared by .NET
//   {"op":"run","calls":N}                    -> {"ns":...,"sink":...}  N timed calls of the scenario
//
// Only the calls are timed (process.hrtime.bigint around the loop), never the messages. Plain ESM,
// no packages. The process exits when its stdin closes.

import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

const wasmPath = process.argv[2];
if (!wasmPath) {
  console.error("usage: node bench.mjs <bench.wasm>");
  process.exit(2);
}

// ---- the glue -------------------------------------------------------------------------------

let wasm = null;
let answers = [];

// wasm-bindgen's view getters: a cached view is re-created when memory growth has detached its
// buffer (byteLength 0). Every access after a call that may grow memory (malloc, any export, the
// import's malloc) goes through a getter, never through a view held across the call.
let cachedUint8 = null;
function getUint8() {
  if (cachedUint8 === null || cachedUint8.byteLength === 0) {
    cachedUint8 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8;
}

let cachedFloat32 = null;
function getFloat32() {
  if (cachedFloat32 === null || cachedFloat32.byteLength === 0) {
    cachedFloat32 = new Float32Array(wasm.memory.buffer);
  }
  return cachedFloat32;
}

let cachedFloat64 = null;
function getFloat64() {
  if (cachedFloat64 === null || cachedFloat64.byteLength === 0) {
    cachedFloat64 = new Float64Array(wasm.memory.buffer);
  }
  return cachedFloat64;
}

let cachedDataView = null;
function getDataView() {
  if (cachedDataView === null || cachedDataView.buffer !== wasm.memory.buffer) {
    cachedDataView = new DataView(wasm.memory.buffer);
  }
  return cachedDataView;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { ignoreBOM: true, fatal: true });

function malloc(size) {
  const ptr = wasm.malloc(size) >>> 0;
  if (ptr === 0) {
    throw new Error(`guest malloc(${size}) returned 0`);
  }
  return ptr;
}

// One allocation per buffer, as in the .NET variants; empty buffers pass (0, 0).
function passArray8(bytes) {
  if (bytes.length === 0) return 0;
  const ptr = malloc(bytes.length);
  getUint8().set(bytes, ptr);
  return ptr;
}

function add(a, b) {
  return wasm.add(a, b);
}

function sum(bytes) {
  const ptr = passArray8(bytes);
  try {
    return wasm.sum(ptr, bytes.length);
  } finally {
    if (ptr !== 0) wasm.free(ptr);
  }
}

function callDescribe(bytes) {
  const ptr = passArray8(bytes);
  try {
    return wasm.call_describe(ptr, bytes.length);
  } finally {
    if (ptr !== 0) wasm.free(ptr);
  }
}

// One block: the 8-byte return area, then room for the worst case of UTF-8 (3 bytes per UTF-16
// unit), filled by encodeInto. wasm-bindgen grows its buffer with realloc instead; this guest has
// no realloc, and one malloc per call is what the .NET glue does too.
function echo(text) {
  const capacity = text.length * 3;
  const block = malloc(8 + capacity);
  try {
    const { written } = encoder.encodeInto(text, getUint8().subarray(block + 8, block + 8 + capacity));
    wasm.echo(written === 0 ? 0 : block + 8, written, block);
    const view = getDataView();
    const ptr = view.getUint32(block, true);
    const len = view.getUint32(block + 4, true);
    if (len === 0) return "";
    try {
      return decoder.decode(getUint8().subarray(ptr, ptr + len));
    } finally {
      wasm.free(ptr);
    }
  } finally {
    wasm.free(block);
  }
}

function fill(bytes, value) {
  const ptr = passArray8(bytes);
  try {
    wasm.fill(ptr, bytes.length, value);
    if (ptr !== 0) bytes.set(getUint8().subarray(ptr, ptr + bytes.length));
  } finally {
    if (ptr !== 0) wasm.free(ptr);
  }
}

// malloc blocks are 8-aligned, so the typed views can index them directly.
function sumF64(values) {
  if (values.length === 0) return wasm.sum_f64(0, 0);
  const ptr = malloc(values.length * 8);
  try {
    getFloat64().set(values, ptr / 8);
    return wasm.sum_f64(ptr, values.length);
  } finally {
    wasm.free(ptr);
  }
}

function scale(values, factor) {
  if (values.length === 0) return wasm.scale(0, 0, factor);
  const ptr = malloc(values.length * 4);
  try {
    getFloat32().set(values, ptr / 4);
    wasm.scale(ptr, values.length, factor);
    values.set(getFloat32().subarray(ptr / 4, ptr / 4 + values.length));
  } finally {
    wasm.free(ptr);
  }
}

// The import host.describe, as FixedAnswerHost implements it in .NET: read every byte the guest
// lends, answer with one of four fixed strings, allocate it with the guest's malloc, and write
// (ptr, len) into the guest's return area.
function describe(ptr, len, ret) {
  ptr >>>= 0;
  len >>>= 0;
  ret >>>= 0;
  const data = getUint8().subarray(ptr, ptr + len);
  let total = 0;
  for (let i = 0; i < data.length; i++) total += data[i];
  const answer = answers[total & 3];
  let resultPtr = 0;
  let written = 0;
  if (answer.length !== 0) {
    const capacity = answer.length * 3;
    resultPtr = malloc(capacity);
    written = encoder.encodeInto(answer, getUint8().subarray(resultPtr, resultPtr + capacity)).written;
  }
  const view = getDataView();
  view.setUint32(ret, resultPtr, true);
  view.setUint32(ret + 4, written, true);
}

// ---- the driver -----------------------------------------------------------------------------

const module = new WebAssembly.Module(readFileSync(wasmPath));
wasm = new WebAssembly.Instance(module, { host: { describe } }).exports;

const bytesOf = (base64) => new Uint8Array(Buffer.from(base64, "base64"));
// Copies into a fresh ArrayBuffer, so the typed arrays start aligned.
const float64Of = (base64) => new Float64Array(bytesOf(base64).slice().buffer);
const float32Of = (base64) => new Float32Array(bytesOf(base64).slice().buffer);
const base64Of = (typed) => Buffer.from(typed.buffer, typed.byteOffset, typed.byteLength).toString("base64");

let timed = null;
let sink = 0;

// Each scenario: one checked call on fresh inputs (its result goes back to .NET), then the
// closure the timed batches call.
function setup(message) {
  switch (message.scenario) {
    case "add": {
      const { a, b } = message;
      timed = () => { sink += add(a, b); };
      return add(a, b);
    }
    case "sum": {
      const data = bytesOf(message.data);
      timed = () => { sink += sum(data); };
      return sum(data);
    }
    case "echo": {
      const text = message.text;
      timed = () => { sink += echo(text).length; };
      return echo(text);
    }
    case "fill": {
      const buffer = new Uint8Array(message.length);
      const value = message.value;
      timed = () => { fill(buffer, value); sink += buffer[0]; };
      const fresh = new Uint8Array(message.length);
      fill(fresh, value);
      return base64Of(fresh);
    }
    case "call_describe": {
      const data = bytesOf(message.data);
      timed = () => { sink += callDescribe(data); };
      return callDescribe(data);
    }
    case "sum_f64": {
      const values = float64Of(message.data);
      timed = () => { sink += sumF64(values); };
      return sumF64(values);
    }
    case "scale": {
      const values = float32Of(message.data);
      const factor = message.timedFactor;
      timed = () => { scale(values, factor); sink += values[0]; };
      const fresh = float32Of(message.data);
      scale(fresh, message.checkFactor);
      return base64Of(fresh);
    }
    default:
      throw new Error(`unknown scenario ${message.scenario}`);
  }
}

function run(calls) {
  const f = timed;
  const start = process.hrtime.bigint();
  for (let i = 0; i < calls; i++) f();
  const ns = Number(process.hrtime.bigint() - start);
  // The sink goes back with the time, so the calls cannot be optimized away.
  const reply = { ns, sink };
  sink = 0;
  return reply;
}

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  let reply;
  try {
    const message = JSON.parse(line);
    switch (message.op) {
      case "init":
        answers = message.answers;
        reply = { ok: true, node: process.version };
        break;
      case "setup":
        reply = { result: setup(message) };
        break;
      case "run":
        reply = run(message.calls);
        break;
      default:
        throw new Error(`unknown op ${message.op}`);
    }
  } catch (error) {
    reply = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
}
