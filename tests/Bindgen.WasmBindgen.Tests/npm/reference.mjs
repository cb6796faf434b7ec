// The reference host: runs each call through the package's own JavaScript glue in Node and prints the results.
// Input (stdin): a JSON array of { pkg, fn, args }; strings travel as { s }, bytes as { b: base64 }.
// Output (stdout): a JSON array of { ok }, { error } or { trap } in the same order, values encoded the same way.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const here = (path) => new URL(path, import.meta.url);
const oxipng = await import(here('./node_modules/@jsquash/oxipng/codec/pkg/squoosh_oxipng.js'));
oxipng.initSync(readFileSync(here('./node_modules/@jsquash/oxipng/codec/pkg/squoosh_oxipng_bg.wasm')));
const packages = {
  snappy: require('./node_modules/snappy-wasm/cjs/snappy.js'),
  jieba: require('./node_modules/jieba-wasm/pkg/nodejs/jieba_rs_wasm.js'),
  brotli: require('./node_modules/wasm-brotli/wasm_brotli_nodejs.js'),
  sql: await import(here('./node_modules/@wasm-fmt/sql_fmt/sql_fmt_node.js')),
  oxipng,
};

const decode = (v) => v === null ? null
  : typeof v !== 'object' ? v
  : 's' in v ? v.s
  : 'b' in v ? new Uint8Array(Buffer.from(v.b, 'base64'))
  : v;
const encode = (v) => v === undefined ? null
  : typeof v === 'string' ? { s: v }
  : v instanceof Uint8Array ? { b: Buffer.from(v).toString('base64') }
  : Array.isArray(v) ? v.map(encode)
  : v;

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = input.map(({ pkg, fn, args }) => {
  try {
    return { ok: encode(packages[pkg][fn](...args.map(decode))) };
  } catch (e) {
    // A Rust panic aborts as a wasm trap: a RuntimeError in Node, a GuestTrapException in .NET.
    return e instanceof WebAssembly.RuntimeError ? { trap: true } : { error: e instanceof Error ? e.message : String(e) };
  }
});
process.stdout.write(JSON.stringify(results));
