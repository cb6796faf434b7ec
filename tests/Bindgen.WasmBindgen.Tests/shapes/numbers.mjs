// Node running numbers.js, the glue of numbers.wat, as the reference for ReturnAreaNumberTests.
// Input (stdin): { wasm: base64 of the module, calls: [{ fn, args }] }; arguments are numbers, null, { undef: true }
// or { big: "..." } BigInts. Output: per call { ok: value } (undefined as null, a BigInt as { big }) or { error }.
import { readFileSync } from 'node:fs';
const exports = await import('./numbers.js');
const input = JSON.parse(readFileSync(0, 'utf8'));
exports.initSync(new WebAssembly.Module(Buffer.from(input.wasm, 'base64')));
const decode = (v) => v === null || typeof v !== 'object' ? v : 'big' in v ? BigInt(v.big) : undefined;
const encode = (v) => v === undefined || v === null ? null : typeof v === 'bigint' ? { big: v.toString() } : v;
const results = input.calls.map(({ fn, args }) => {
  try {
    return { ok: encode(exports[fn](...args.map(decode))) };
  } catch (e) {
    return { error: e.message };
  }
});
process.stdout.write(JSON.stringify(results));
