// The reference host for @silvia-odwyer/photon-node: runs each call through the package's own glue in Node.
// Input (stdin): a JSON array of { fn, args }. fn is a free function, or Class.member (Class.constructor, a static
// method, or a method called on the first argument). Arguments: numbers, { s } strings, { b: base64 } bytes,
// { big } BigInts, and class instances made fresh for the call: { img: { w, h, b } }, { rgb: [r, g, b] }, { rgba: [...] }.
// Output: per call { ok: { result, images } } (images: the pixels of each image argument after the call), { error } or
// { trap }, with free: [messages] when freeing the call's instances failed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const photon = require('./node_modules/@silvia-odwyer/photon-node/photon_rs.js');

const made = [];
const decode = (v) => {
  if (typeof v !== 'object' || v === null) return v;
  if ('s' in v) return v.s;
  if ('b' in v) return new Uint8Array(Buffer.from(v.b, 'base64'));
  if ('big' in v) return BigInt(v.big);
  const instance = 'img' in v ? new photon.PhotonImage(new Uint8Array(Buffer.from(v.img.b, 'base64')), v.img.w, v.img.h)
    : 'rgb' in v ? new photon.Rgb(...v.rgb)
    : new photon.Rgba(...v.rgba);
  made.push(instance);
  return instance;
};
const encode = (v) => v === undefined ? null
  : typeof v === 'string' ? { s: v }
  : v instanceof Uint8Array ? { b: Buffer.from(v).toString('base64') }
  : v instanceof photon.Rgba ? { rgba: [v.get_red(), v.get_green(), v.get_blue(), v.get_alpha()] }
  : v instanceof photon.Rgb ? { rgb: [v.get_red(), v.get_green(), v.get_blue()] }
  : v instanceof photon.PhotonImage ? { img: { w: v.get_width(), h: v.get_height(), b: Buffer.from(v.get_raw_pixels()).toString('base64') } }
  : v;

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = input.map(({ fn, args }) => {
  made.length = 0;
  const answer = call(fn, args);
  // After a panic an instance may still count as borrowed: its free() throws, in both hosts.
  const freeErrors = [];
  for (const instance of made) {
    try {
      if (instance.__wbg_ptr !== 0) instance.free();
    } catch (e) {
      freeErrors.push(e instanceof WebAssembly.RuntimeError ? 'trap' : e.message);
    }
  }
  return freeErrors.length === 0 ? answer : { ...answer, free: freeErrors };
});

function call(fn, args) {
  let values;
  try {
    values = args.map(decode);
    const [cls, member] = fn.includes('.') ? fn.split('.') : [null, fn];
    const result = cls === null ? photon[member](...values)
      : member === 'constructor' ? new photon[cls](...values)
      : typeof photon[cls][member] === 'function' ? photon[cls][member](...values)
      : values[0][member](...values.slice(1));
    const images = values.filter((v) => v instanceof photon.PhotonImage && v.__wbg_ptr !== 0).map((v) => encode(v.get_raw_pixels()));
    const ok = { result: encode(result), images };
    if (result instanceof photon.PhotonImage || result instanceof photon.Rgb || result instanceof photon.Rgba) made.push(result);
    return { ok };
  } catch (e) {
    // A Rust panic aborts as a wasm trap: a RuntimeError in Node, a GuestTrapException in .NET.
    return e instanceof WebAssembly.RuntimeError ? { trap: true } : { error: e instanceof Error ? e.message : String(e) };
  }
}

process.stdout.write(JSON.stringify(results));
