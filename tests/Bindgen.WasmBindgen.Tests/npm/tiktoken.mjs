// The reference host for @dqbd/tiktoken: runs each call through the package's own glue in Node.
// Input (stdin): a JSON array of { fn, args }: a free function, or Tiktoken.member called on the first argument,
// { enc: name } (an instance from get_encoding(name), made for the call). Arguments: { s } strings, { b: base64 }
// bytes, { u32: [...] } Uint32Arrays, numbers. Output: per call { ok }, { error } or { trap }; a Tiktoken result
// as { name }, typed arrays as { b } or { u32 }; free: [messages] when freeing the call's instances failed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const tiktoken = require('./node_modules/@dqbd/tiktoken/tiktoken.cjs');

const made = [];
const decode = (v) => typeof v !== 'object' || v === null ? v
  : 's' in v ? v.s
  : 'b' in v ? new Uint8Array(Buffer.from(v.b, 'base64'))
  : 'u32' in v ? new Uint32Array(v.u32)
  : (made.push(tiktoken.get_encoding(v.enc)), made[made.length - 1]);
const encode = (v) => v === undefined ? null
  : typeof v === 'string' ? { s: v }
  : v instanceof Uint8Array ? { b: Buffer.from(v).toString('base64') }
  : v instanceof Uint32Array ? { u32: Array.from(v) }
  : v instanceof tiktoken.Tiktoken ? (made.push(v), { name: encode(v.name) })
  : v;

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = input.map(({ fn, args }) => {
  made.length = 0;
  const answer = call(fn, args);
  // After a panic an instance may still count as borrowed: its free() throws, in both hosts.
  const freeErrors = [];
  for (const instance of made) {
    try {
      instance.free();
    } catch (e) {
      freeErrors.push(e instanceof WebAssembly.RuntimeError ? 'trap' : e.message);
    }
  }
  return freeErrors.length === 0 ? answer : { ...answer, free: freeErrors };
});

function call(fn, args) {
  try {
    const values = args.map(decode);
    const [cls, member] = fn.includes('.') ? fn.split('.') : [null, fn];
    const result = cls === null ? tiktoken[member](...values)
      : member.startsWith('get ') ? values[0][member.substring(4)]
      : values[0][member](...values.slice(1));
    return { ok: encode(result) };
  } catch (e) {
    return e instanceof WebAssembly.RuntimeError ? { trap: true } : { error: e instanceof Error ? e.message : String(e) };
  }
}

process.stdout.write(JSON.stringify(results));
