// The reference host for a document session with @automerge/automerge-wasm through the package's own glue in Node.
// AutomergeSessionTests makes the same steps through the binding <BindgenPackage> generated; each step's answer is
// encoded by enc (symbol-keyed properties and frozen objects included) so the two compare as text.
// Output: [[export, encoded answer]...].
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const am = require('./node_modules/@automerge/automerge-wasm/nodejs/automerge_wasm.cjs');

const num = (v) => (Number.isInteger(v) && Math.abs(v) < 1e15 ? v.toFixed(0) : String(v));
function enc(v) {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return 'n:' + num(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'bigint') return 'big:' + v;
  if (typeof v === 'symbol') return String(v);
  if (v instanceof Uint8Array) return 'b:' + Buffer.from(v).toString('base64');
  if (v instanceof Date) return 'date:' + num(v.getTime());
  const body = Array.isArray(v)
    ? '[' + v.map(enc).join(',') + ']'
    : '{' + Object.keys(v).map((k) => JSON.stringify(k) + ':' + enc(v[k])).join(',') + '}';
  const symbols = Object.getOwnPropertySymbols(v).map((s) => String(s) + '=' + enc(v[s]));
  return body + (symbols.length ? '<' + symbols.join(',') + '>' : '') + (Object.isFrozen(v) ? '!frozen' : '');
}

const out = [];
function step(name, f) {
  try {
    out.push([name, 'ok ' + enc(f())]);
  } catch (e) {
    out.push([name, e instanceof WebAssembly.RuntimeError ? 'trap' : 'error ' + (e && e.message)]);
  }
}

const T = 1700000000;
const d1 = am.create({ actor: 'aaaa' });
step('getActorId', () => d1.getActorId());
step('put', () => d1.put('_root', 'hello', 'world'));
step('put', () => d1.put('_root', 'n', 42));
step('put', () => d1.put('_root', 'flag', true));
step('put', () => d1.put('_root', 'ratio', 1.5));
step('put', () => d1.put('_root', 'counter', 1, 'counter'));
let list;
step('putObject', () => (list = d1.putObject('_root', 'list', [])));
step('insert', () => d1.insert(list, 0, 'a'));
step('insert', () => d1.insert(list, 1, 2));
step('push', () => d1.push(list, 'c'));
let text;
step('putObject', () => (text = d1.putObject('_root', 'text', 'Hello')));
step('splice', () => d1.splice(text, 5, 0, ' wörld 🌍'));
step('splice', () => d1.splice(text, 0, 1, 'J'));
step('putObject', () => d1.putObject('_root', 'map', { x: 1, y: { z: 'deep' }, arr: [1, 'two'] }));
step('increment', () => d1.increment('_root', 'counter', 5));
step('get', () => d1.get('_root', 'hello'));
step('get', () => d1.get('_root', 'n'));
step('get', () => d1.get('_root', 'list'));
step('get', () => d1.get('_root', 'missing'));
step('get', () => d1.get(list, 1));
step('getWithType', () => d1.getWithType('_root', 'counter'));
step('keys', () => d1.keys('_root'));
step('text', () => d1.text(text));
step('commit', () => d1.commit('first', T));
step('getHeads', () => d1.getHeads());
step('toJS', () => d1.toJS());
let saved;
step('save', () => (saved = d1.save()));
const loaded = am.load(saved);
step('load', () => loaded.toJS());
step('getHeads', () => loaded.getHeads());
step('saveNoCompress', () => loaded.saveNoCompress().length);
step('delete', () => d1.delete('_root', 'flag'));
step('keys', () => d1.keys('_root'));
step('commit', () => d1.commit('second', T + 1));
const d2 = am.create({ actor: 'bbbb' });
step('put', () => d2.put('_root', 'from2', 'b'));
step('commit', () => d2.commit('other', T + 2));
step('merge', () => d1.merge(d2));
// Patches applied to a materialized copy (Reflect.set, Reflect.deleteProperty, Object.assign on the copy), frozen or not.
let snapshot;
step('toJS', () => (snapshot = d2.toJS()));
step('updateDiffCursor', () => d2.updateDiffCursor());
step('put', () => d2.put('_root', 'added', 'yes'));
step('putObject', () => d2.putObject('_root', 'nested', { a: [1, 2] }));
step('delete', () => d2.delete('_root', 'from2'));
step('applyPatches', () => d2.applyPatches(snapshot));
step('enableFreeze', () => d2.enableFreeze(true));
step('updateDiffCursor', () => d2.updateDiffCursor());
step('toJS', () => (snapshot = d2.toJS()));
step('put', () => d2.put('_root', 'later', 2.25));
step('applyPatches', () => d2.applyPatches(snapshot));
// The frozen snapshot itself is unchanged: the patches went to a copy.
step('applyPatches', () => snapshot);
step('toJS', () => d1.toJS());
step('getChanges', () => d1.getChanges([]).length);
step('decodeChange', () => am.decodeChange(d1.getChanges([])[0]));
// Sync: d1 and an empty d3 exchange messages until neither has any to send.
const d3 = am.create({ actor: 'cccc' });
const s1 = am.initSyncState();
const s3 = am.initSyncState();
for (let round = 0; round < 8; round++) {
  let m1, m3;
  step('generateSyncMessage', () => (m1 = d1.generateSyncMessage(s1)));
  if (m1) step('receiveSyncMessage', () => d3.receiveSyncMessage(s3, m1));
  step('generateSyncMessage', () => (m3 = d3.generateSyncMessage(s3)));
  if (m3) step('receiveSyncMessage', () => d1.receiveSyncMessage(s1, m3));
  if (!m1 && !m3) break;
}
step('toJS', () => d3.toJS());
step('getHeads', () => d3.getHeads());
step('encodeSyncState', () => am.encodeSyncState(s1));
step('put', () => d1.put('no-such-object', 'k', 'v'));
step('enableFreeze', () => d1.enableFreeze(true));
step('toJS', () => d1.toJS());
for (const doc of [d1, d2, d3, loaded]) doc.free();
s1.free();
s3.free();
process.stdout.write(JSON.stringify(out));
