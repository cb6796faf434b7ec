// The reference host for typed and async callbacks, a Map argument and a string enum: ../shapes/wbshapes (a package
// in wasm-bindgen's shape) through its own glue in Node. Input (stdin): { text, times, map: [[key, value]...], keys,
// modes, x }. Output: one object, each result as WbshapesTests.cs records it (NaN as the string "NaN", errors as
// { error: message }).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const w = require('../shapes/wbshapes/wbshapes.js');
const input = JSON.parse(readFileSync(0, 'utf8'));
const num = (x) => (Number.isNaN(x) ? 'NaN' : x);
const attempt = (f) => { try { return f(); } catch (e) { return { error: e.message }; } };
const settle = (p) => p.then((v) => num(v), (e) => ({ error: e.message }));

const seen = [];
w.repeat(input.text, input.times, (t, i) => { seen.push([t, i]); });
const map = new Map(input.map);
const result = {
  repeat: seen,
  apply: [num(w.apply(input.x, (x) => x * 10)), num(w.apply(7, (x) => x - 7.25))],
  applyThrows: attempt(() => w.apply(1, () => { throw new Error('refused'); })),
  forward: [await settle(w.forward(async () => 41)), await settle(w.forward(() => Promise.reject(new Error('no'))))],
  weigh: num(w.weigh(map)),
  lookup: input.keys.map((k) => num(w.lookup(map, k))),
  pick: input.modes.map((m) => num(w.pick(m, input.x))),
  pickInvalid: w.pick('none', input.x),
  nextMode: input.modes.map((m) => w.next_mode(m)),
};
process.stdout.write(JSON.stringify([result]));
