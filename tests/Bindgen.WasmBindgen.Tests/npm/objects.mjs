// The reference host for JavaScript objects both ways: each call through the package's own glue in Node.
// Input (stdin): a JSON array of { pkg, fn, make, args }; arguments are JSON values as they are (objects included).
// sql: format(...args). tiktoken: fn is a Tiktoken method called on new Tiktoken(...make), or "new".
// Output: per call { ok: JSON value } (typed arrays as arrays) or { error: message }.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const here = (path) => new URL(path, import.meta.url);
const sql = await import(here('./node_modules/@wasm-fmt/sql_fmt/sql_fmt_node.js'));
const tiktoken = require('./node_modules/@dqbd/tiktoken/tiktoken.cjs');

const plain = (v) => ArrayBuffer.isView(v) ? Array.from(v) : v === undefined ? null : v;

function call({ pkg, fn, make, args }) {
  if (pkg === 'sql') {
    return sql[fn](...args);
  }

  const instance = new tiktoken.Tiktoken(...make);
  try {
    return fn === 'new' ? instance.name ?? null : instance[fn](...args);
  } finally {
    instance.free();
  }
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = input.map((c) => {
  try {
    return { ok: plain(call(c)) };
  } catch (e) {
    return e instanceof WebAssembly.RuntimeError ? { trap: true } : { error: e instanceof Error ? e.message : String(e) };
  }
});
process.stdout.write(JSON.stringify(results));
