// The reference host for resources: jco's own transpiled JavaScript of a component, run in Node. Reads
// {"component": path, "sequences": [[step, ...], ...]} on stdin; runs each sequence on a fresh instance and prints
// one outcome per step (JSON). Steps: new|make <var> <n>, add <var> <n>, get|peek|consume|dispose|double-drop <var>,
// merge <var> <var>, forge <var>, plain <n>, live, dropped, consume-all|peek-all <var,var,...>, peek-maybe <var|->
// (the value + 1; 0 for none), open-labelled <label> <var>, make-labelled <var> <label> <n>, make-many <prefix> <n> <start>. Outcomes: "ok", "ok <value>", "disposed" (a use of a
// dropped or moved resource, refused before the guest runs), "trap" (the guest or a handle trapped), "poisoned".
import { readFileSync } from 'node:fs';
import { transpiled, outcomesOf } from './jco-reference.mjs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const { instantiate, getCoreModule, dispose } = await transpiled(input.component);
const results = [];
for (const sequence of input.sequences) {
  const exports = await instantiate(getCoreModule, {});
  const counters = exports.counters ?? exports['local:resources/counters@1.0.0'];
  const { Counter } = counters;
  const vars = new Map();
  const outcomes = outcomesOf(sequence, (op, a, b, words) => {
    let value;
    switch (op) {
      case 'new': vars.set(a, new Counter(Number(b))); break;
      case 'make': vars.set(a, Counter.make(Number(b))); break;
      case 'add': value = vars.get(a).add(Number(b)); break;
      case 'get': value = vars.get(a).get(); break;
      case 'merge': value = vars.get(a).merge(vars.get(b)); break;
      case 'peek': value = counters.peek(vars.get(a)); break;
      case 'consume': value = counters.consume(vars.get(a)); break;
      case 'dispose': vars.get(a)[Symbol.dispose](); break;
      case 'double-drop': counters.doubleDrop(vars.get(a)); break;
      case 'forge': vars.set(a, counters.forge()); break;
      case 'plain': value = counters.plainAdd(Number(a)); break;
      case 'live': value = counters.live(); break;
      case 'dropped': value = counters.dropped(); break;
      case 'consume-all': value = counters.consumeAll(a.split(',').map((v) => vars.get(v))); break;
      case 'peek-all': value = counters.peekAll(a.split(',').map((v) => vars.get(v))); break;
      case 'peek-maybe': value = Number(counters.peekMaybe(a === '-' ? undefined : vars.get(a))) + 1; break;
      case 'open-labelled': value = counters.openLabelled({ label: Number(a), c: vars.get(b) }); break;
      case 'make-labelled': { const made = counters.makeLabelled(Number(b), Number(words[3])); vars.set(a, made.c); value = made.label; break; }
      case 'make-many': { const list = counters.makeMany(Number(b), Number(words[3])); list.forEach((x, i) => vars.set(a + i, x)); value = list.length; break; }
      default: throw new Error('unknown step ' + words.join(' '));
    }

    return value;
  });

  results.push(outcomes);
}

await dispose();
process.stdout.write(JSON.stringify(results));
