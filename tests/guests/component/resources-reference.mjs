// The reference host for resources: jco's own transpiled JavaScript of a component, run in Node. Reads
// {"component": path, "sequences": [[step, ...], ...]} on stdin; runs each sequence on a fresh instance and prints
// one outcome per step (JSON). Steps: new|make <var> <n>, add <var> <n>, get|peek|consume|dispose|double-drop <var>,
// merge <var> <var>, forge <var>, plain <n>, live, dropped. Outcomes: "ok", "ok <value>", "disposed" (a use of a
// dropped or moved resource, refused before the guest runs), "trap" (the guest or a handle trapped), "poisoned".
import { readFileSync } from 'node:fs';
import { transpiled, step as runStep } from './jco-reference.mjs';

const input = JSON.parse(readFileSync(0, 'utf8'));
const { instantiate, getCoreModule, dispose } = await transpiled(input.component);
const results = [];
for (const sequence of input.sequences) {
  const exports = await instantiate(getCoreModule, {});
  const counters = exports.counters ?? exports['local:resources/counters@1.0.0'];
  const { Counter } = counters;
  const vars = new Map();
  let poisoned = false;
  const outcomes = [];
  for (const step of sequence) {
    const [op, a, b] = step.split(' ');
    if (poisoned) {
      outcomes.push('poisoned');
      continue;
    }

    poisoned = runStep(outcomes, () => {
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
        default: throw new Error('unknown step ' + step);
      }

      return value;
    });
  }

  results.push(outcomes);
}

await dispose();
process.stdout.write(JSON.stringify(results));
