// The reference host for arrays of JavaScript values in a reference-types build: ../shapes/wbvalues through its own
// glue in Node. Input (stdin): { lists: [[...]...] } (JSON values). Output: one object, as WbvaluesTests.cs records it.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const w = require('../shapes/wbvalues/wbvalues.js');
const input = JSON.parse(readFileSync(0, 'utf8'));
const attempt = (f) => { try { return f(); } catch (e) { return e instanceof WebAssembly.RuntimeError ? 'trap' : { error: e.message }; } };
const result = {
  count: input.lists.map((l) => w.count_strings(l)),
  optional: [w.count_or_none(undefined), ...input.lists.map((l) => w.count_or_none(l))],
  nth: input.lists.filter((l) => l.length > 0).map((l) => w.nth(l, l.length - 1) ?? 'null'),
  outOfRange: attempt(() => w.nth(input.lists[0], 99)),
};
process.stdout.write(JSON.stringify([result]));
